// Put/get throughput through the BlobStore port: the S3 adapter against s3rver (a JavaScript
// test server on loopback, so these figures measure it as much as the adapter; AWS S3 is a
// different animal) and the local-disk adapter on the same workload as the reference.
//
//   sp_blob_bench [small_objects=400] [small_kib=16] [large_objects=6] [large_mib=24] [threads=4]
// Small objects: ops/s (PUT and GET, `threads` concurrent clients). Large objects: MB/s, each
// one a multipart upload in 8 MiB parts and one streamed GET.
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "strangeprompt/blob/blob_store.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::string run(const std::string& cmd) {
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + cmd);
  std::string out;
  std::array<char, 512> buf{};
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) out += buf.data();
  if (pclose(pipe) != 0) throw std::runtime_error(cmd + " failed:\n" + out);
  return out;
}

std::string last_line(std::string s) {
  while (!s.empty() && s.back() == '\n') s.pop_back();
  const auto nl = s.rfind('\n');
  return nl == std::string::npos ? s : s.substr(nl + 1);
}

std::string bytes_of(std::size_t n, int seed) {
  std::string b(n, '\0');
  for (std::size_t i = 0; i < n; ++i)
    b[i] = static_cast<char>((i * 131 + static_cast<std::size_t>(seed)) % 251);
  return b;
}

// Runs `op(i)` for i in [0, count) on `threads` threads; seconds taken.
template <class Op>
double parallel(int count, int threads, Op op) {
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  const auto start = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i; (i = next.fetch_add(1)) < count;) {
        if (!op(i)) failed = true;
      }
    });
  }
  for (auto& th : pool) th.join();
  if (failed) throw std::runtime_error("an operation failed");
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Figures {
  double put_ops, get_ops, put_mbs, get_mbs;
};

Figures measure(sp::blob::BlobStore& store, int small, std::size_t small_bytes, int large,
                std::size_t large_bytes, int threads) {
  const std::string payload = bytes_of(small_bytes, 7);
  const double put_s = parallel(small, threads, [&](int i) {
    return store.put_bytes("bench/small/" + std::to_string(i), payload).ok();
  });
  const double get_s = parallel(small, threads, [&](int i) {
    auto r = store.get_bytes("bench/small/" + std::to_string(i));
    return r.ok() && r->size() == small_bytes;
  });
  const std::string big = bytes_of(large_bytes, 3);
  const double lput_s = parallel(large, 2, [&](int i) {
    return store.put_bytes("bench/large/" + std::to_string(i), big).ok();
  });
  const double lget_s = parallel(large, 2, [&](int i) {
    std::size_t got = 0;
    auto s = store.get("bench/large/" + std::to_string(i), [&got](std::string_view c) {
      got += c.size();
      return sp::ok_status();
    });
    return s.ok() && got == large_bytes;
  });
  const double mb = static_cast<double>(large_bytes) * large / 1e6;
  return {small / put_s, small / get_s, mb / lput_s, mb / lget_s};
}

void print(const char* name, const Figures& f) {
  std::printf(
      "%-22s small PUT %8.0f ops/s   small GET %8.0f ops/s   large PUT %8.1f MB/s   "
      "large GET %8.1f MB/s\n",
      name, f.put_ops, f.get_ops, f.put_mbs, f.get_mbs);
}

}  // namespace

int main(int argc, char** argv) {
  const int small = argc > 1 ? std::atoi(argv[1]) : 400;
  const std::size_t small_bytes = (argc > 2 ? std::stoul(argv[2]) : 16) * 1024;
  const int large = argc > 3 ? std::atoi(argv[3]) : 6;
  const std::size_t large_bytes = (argc > 4 ? std::stoul(argv[4]) : 24) * 1024 * 1024;
  const int threads = argc > 5 ? std::atoi(argv[5]) : 4;

  const auto dir =
      std::filesystem::temp_directory_path() / ("sp-blob-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string script = SP_S3_TEST_SERVER;
  int rc = 0;
  try {
    const std::string endpoint = last_line(run(script + " start " + (dir / "s3").string()));
    sp::blob::BlobStoreOptions s3{.backend = "s3"};
    s3.s3 = {.endpoint = endpoint,
             .bucket = "strangeprompt",
             .access_key_id = "S3RVER",
             .secret_access_key = "S3RVER",
             .part_size = 8 * 1024 * 1024};
    auto s3_store = sp::blob::BlobStore::open(s3);
    auto local_store =
        sp::blob::BlobStore::open({.backend = "local", .root = (dir / "local").string()});
    if (!s3_store.ok() || !local_store.ok()) throw std::runtime_error("cannot open the stores");
    std::printf(
        "%d small objects of %zu KiB on %d threads; %d large objects of %zu MiB "
        "(multipart, 8 MiB parts) on 2 threads\n",
        small, small_bytes / 1024, threads, large, large_bytes / 1024 / 1024);
    const Figures on_s3 = measure(**s3_store, small, small_bytes, large, large_bytes, threads);
    const Figures on_disk = measure(**local_store, small, small_bytes, large, large_bytes, threads);
    print("s3 adapter -> s3rver", on_s3);
    print("local disk (reference)", on_disk);
    std::printf(
        "ratio s3/local         small PUT %8.3f         small GET %8.3f         "
        "large PUT %8.3f        large GET %8.3f\n",
        on_s3.put_ops / on_disk.put_ops, on_s3.get_ops / on_disk.get_ops,
        on_s3.put_mbs / on_disk.put_mbs, on_s3.get_mbs / on_disk.get_mbs);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sp_blob_bench: %s\n", e.what());
    rc = 1;
  }
  std::system((script + " stop " + (dir / "s3").string() + " >/dev/null 2>&1").c_str());
  std::filesystem::remove_all(dir);
  return rc;
}
