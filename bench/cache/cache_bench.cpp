// Cache get/set operations per second through the Redis adapter (its pool, blocking hiredis
// connections, one thread per client) against redis-benchmark's SET/GET on the same server with
// the same number of clients, requests and value size. Prints both and the ratio.
//
//   sp_cache_bench [requests=200000] [clients=8]
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "strangeprompt/cache/cache.hpp"

namespace {

std::string run(const std::string& cmd) {
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + cmd);
  std::string out;
  std::array<char, 512> buf{};
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) out += buf.data();
  if (pclose(pipe) != 0) throw std::runtime_error(cmd + " failed:\n" + out);
  return out;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// redis-benchmark --csv lines: "test","rps",...; returns rps by test name.
std::map<std::string, double> redis_benchmark(const std::string& port, int requests, int clients) {
  const std::string out =
      run("redis-benchmark -h 127.0.0.1 -p " + port + " -t set,get -n " + std::to_string(requests) +
          " -c " + std::to_string(clients) + " -d 3 -r 10000 --csv");
  std::map<std::string, double> rps;
  std::size_t pos = 0;
  while (pos < out.size()) {
    std::size_t end = out.find('\n', pos);
    if (end == std::string::npos) end = out.size();
    std::string line = out.substr(pos, end - pos);
    pos = end + 1;
    if (line.size() < 4 || line[0] != '"' || line.starts_with("\"test\"")) continue;
    auto q = line.find('"', 1);
    std::string name = line.substr(1, q - 1);
    auto v1 = line.find('"', q + 1);
    auto v2 = line.find('"', v1 + 1);
    rps[name] = std::atof(line.substr(v1 + 1, v2 - v1 - 1).c_str());
  }
  return rps;
}

template <typename Op>
double adapter_ops_per_second(int requests, int clients, Op op) {
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  const int per_client = requests / clients;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      while (!go) std::this_thread::yield();
      for (int i = 0; i < per_client; ++i) op(c, i);
    });
  }
  const auto start = std::chrono::steady_clock::now();
  go = true;
  for (auto& t : threads) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return per_client * clients / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const int requests = argc > 1 ? std::atoi(argv[1]) : 200'000;
  const int clients = argc > 2 ? std::atoi(argv[2]) : 8;
  std::string dir = (std::filesystem::temp_directory_path() / "sp-cache-bench-XXXXXX").string();
  if (mkdtemp(dir.data()) == nullptr) return 1;
  const std::string script = SP_REDIS_TEST_SERVER;
  int status = 0;
  try {
    const std::string url = trimmed(run(script + " start '" + dir + "'"));
    const std::string port = url.substr(url.rfind(':') + 1, url.rfind('/') - url.rfind(':') - 1);

    sp::cache::CacheOptions options;
    options.backend = "redis";
    options.redis.url = url;
    options.redis.pool_size = static_cast<std::size_t>(clients);
    options.redis.command_timeout = std::chrono::seconds(5);
    auto cache = sp::cache::Cache::create(options);
    if (!cache.ok()) throw std::runtime_error(cache.error().message);
    sp::cache::Cache& c = **cache;
    std::atomic<int> errors{0};
    const double set_rps = adapter_ops_per_second(requests, clients, [&](int client, int i) {
      if (!c.set("key:" + std::to_string((client * 7919 + i) % 10'000), "xxx",
                 std::chrono::minutes(10))
               .ok())
        ++errors;
    });
    const double get_rps = adapter_ops_per_second(requests, clients, [&](int client, int i) {
      if (!c.get("key:" + std::to_string((client * 7919 + i) % 10'000))) ++errors;
    });
    const auto reference = redis_benchmark(port, requests, clients);
    const double ref_set = reference.count("SET") ? reference.at("SET") : 0;
    const double ref_get = reference.count("GET") ? reference.at("GET") : 0;
    std::printf("requests=%d clients=%d value=3 bytes, keyspace 10000 (errors: %d)\n", requests,
                clients, errors.load());
    std::printf("%-4s %16s %20s %8s\n", "op", "adapter ops/s", "redis-benchmark rps", "ratio");
    std::printf("%-4s %16.0f %20.0f %8.2f\n", "SET", set_rps, ref_set,
                ref_set > 0 ? set_rps / ref_set : 0);
    std::printf("%-4s %16.0f %20.0f %8.2f\n", "GET", get_rps, ref_get,
                ref_get > 0 ? get_rps / ref_get : 0);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sp_cache_bench: %s\n", e.what());
    status = 1;
  }
  std::system((script + " stop '" + dir + "'").c_str());
  return status;
}
