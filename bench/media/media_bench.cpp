// Media pipeline figures, measured against a reference in the same run:
//   variants/s   process_image (4 WebP variants + blurhash + dHash per image) on N generated JPEGs,
//                against `vipsthumbnail` making the same four WebP widths from the same files
//                (one process per width, as an operator would script it; its start-up counts)
//   peak RSS     of a child process that runs process_image on one 50-megapixel JPEG
//   worker RSS   peak RSS of a child doing what the processing worker does with a 50-megapixel
//                original already on disk (PNG and JPEG), the old way (the whole file read into
//                memory, metadata parsed, decoded from that buffer) and the current way (read
//                for the metadata parsers, let go, decoded by libvips from the file)
// Usage: sp_media_bench [images=8] [width=3000] [height=2000]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pipeline/image_pipeline.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/genmeta/extract.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string must(sp::Result<std::string> r) {
  if (!r.ok()) {
    std::fprintf(stderr, "fixture: %s\n", r.error().internal.c_str());
    std::exit(1);
  }
  return *r;
}

// Peak RSS (MiB) of a child that makes one 8660x5773 (50 MP) JPEG and processes it. Called before
// the parent touches libvips: forking a process whose libvips threads are running can deadlock.
// The RSS includes making the fixture (its encoder runs in the same child).
double child_peak_rss_mib() {
  pid_t pid = fork();
  if (pid == 0) {
    auto big = sp::media::synthesize_image(8660, 5773, "jpeg");
    auto processed = big.ok() ? sp::media::process_image(*big)
                              : sp::Result<sp::media::ProcessedImage>(big.error());
    _exit(processed.ok() ? 0 : 1);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Peak RSS (MiB) of a child running `work`; -1 when it fails. Forked before the parent touches
// libvips (see above).
template <class Work>
double child_rss_mib(Work work) {
  pid_t pid = fork();
  if (pid == 0) _exit(work() ? 0 : 1);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(std::filesystem::file_size(path)), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

// The worker's step on an original at `path`: from memory (before), or as MediaWorker::run does
// now: a JPEG decoded from its file, then read for the metadata parsers; a PNG as before.
bool worker_step(const std::string& path, bool now, bool jpeg) {
  if (now && jpeg) {
    const bool processed = sp::media::process_image_file(path).ok();
    std::string bytes = read_all(path);
    (void)sp::genmeta::extract(bytes);
    return processed;
  }
  std::string bytes = read_all(path);
  (void)sp::genmeta::extract(bytes);
  return sp::media::process_image(bytes).ok();
}

}  // namespace

int main(int argc, char** argv) {
  const int images = argc > 1 ? std::atoi(argv[1]) : 8;
  const int width = argc > 2 ? std::atoi(argv[2]) : 3000;
  const int height = argc > 3 ? std::atoi(argv[3]) : 2000;
  const double rss = child_peak_rss_mib();
  // 50-MP originals written to disk by a child (gradients: ~1 MB files) and by the vips CLI
  // (Gaussian noise: files near the 25 MB upload limit, as a detailed photo would be), then the
  // worker's step on each in fresh children.
  sp::testing::TempDir originals("media-bench-originals");
  const std::string png50 = originals.file("original-png");
  const std::string jpeg50 = originals.file("original-jpeg");
  const std::string noisy_png50 = originals.file("noisy-png");
  const std::string noisy_jpeg50 = originals.file("noisy-jpeg");
  double made = child_rss_mib([&] {
    auto png = sp::media::synthesize_image(8660, 5773, "png");
    auto jpeg = sp::media::synthesize_image(8660, 5773, "jpeg");
    if (!png.ok() || !jpeg.ok()) return false;
    std::ofstream(png50, std::ios::binary) << *png;
    std::ofstream(jpeg50, std::ios::binary) << *jpeg;
    return true;
  });
  for (auto [sigma, out] : {std::pair{"1", noisy_png50 + ".png[compression=6]"},
                            std::pair{"20", noisy_jpeg50 + ".jpg[Q=90]"}}) {
    const std::string v = originals.file("noise");
    const std::string cmd = "vips gaussnoise " + v + "1.v 8660 5773 --sigma " + sigma +
                            " --mean 128 && vips bandjoin \"" + v + "1.v " + v + "1.v " + v +
                            "1.v\" " + v + "3.v && vips cast " + v + "3.v " + v +
                            "8.v uchar && vips copy " + v + "8.v '" + out + "' && rm " + v + "*.v";
    if (std::system(cmd.c_str()) != 0) made = -1;
  }
  std::filesystem::rename(noisy_png50 + ".png", noisy_png50);
  std::filesystem::rename(noisy_jpeg50 + ".jpg", noisy_jpeg50);
  struct WorkerRss {
    const char* format;
    const std::string* path;
    bool jpeg;
    double memory = -1, file = -1;
  };
  WorkerRss worker_rss[] = {{"PNG (gradient)", &png50, false},
                            {"JPEG (gradient)", &jpeg50, true},
                            {"PNG (noise)", &noisy_png50, false},
                            {"JPEG (noise)", &noisy_jpeg50, true}};
  // The median of 3 children each way, alternating (the peak varies with libvips' threads).
  auto median3 = [](double a, double b, double c) {
    return std::max(std::min(a, b), std::min(std::max(a, b), c));
  };
  for (WorkerRss& w : worker_rss) {
    if (made < 0) break;
    double memory[3], file[3];
    for (int i = 0; i < 3; ++i) {
      memory[i] = child_rss_mib([&] { return worker_step(*w.path, false, w.jpeg); });
      file[i] = child_rss_mib([&] { return worker_step(*w.path, true, w.jpeg); });
    }
    w.memory = median3(memory[0], memory[1], memory[2]);
    w.file = median3(file[0], file[1], file[2]);
  }
  sp::testing::TempDir dir("media-bench");
  std::vector<std::string> files;
  std::vector<std::string> bytes;
  for (int i = 0; i < images; ++i) {
    bytes.push_back(must(sp::media::synthesize_image(width, height, "jpeg", i % 2 == 1)));
    files.push_back(dir.file("in" + std::to_string(i) + ".jpg"));
    std::ofstream(files.back(), std::ios::binary) << bytes.back();
  }

  int variants = 0;
  auto start = Clock::now();
  for (const std::string& b : bytes) {
    auto processed = sp::media::process_image(b);
    if (!processed.ok()) {
      std::fprintf(stderr, "process_image: %s\n", processed.error().message.c_str());
      return 1;
    }
    variants += static_cast<int>(processed->variants.size());
  }
  const double ours = seconds_since(start);

  int reference_variants = 0;
  start = Clock::now();
  for (std::size_t i = 0; i < files.size(); ++i) {
    for (int w : sp::media::kVariantWidths) {
      if (w > width) continue;
      std::string cmd = "vipsthumbnail " + files[i] + " --size " + std::to_string(w) + "x -o " +
                        dir.file("ref" + std::to_string(i) + "_" + std::to_string(w)) +
                        ".webp[Q=80,strip] 2>/dev/null";
      if (std::system(cmd.c_str()) != 0) {
        std::fprintf(stderr, "vipsthumbnail failed (is libvips-tools installed?)\n");
        return 1;
      }
      ++reference_variants;
    }
  }
  const double reference = seconds_since(start);

  std::printf("images: %d JPEG %dx%d\n", images, width, height);
  std::printf("process_image:  %d variants in %.3f s = %.1f variants/s\n", variants, ours,
              variants / ours);
  std::printf("vipsthumbnail:  %d variants in %.3f s = %.1f variants/s\n", reference_variants,
              reference, reference_variants / reference);
  std::printf("ratio (ours / vipsthumbnail): %.2f\n",
              (variants / ours) / (reference_variants / reference));
  std::printf("peak RSS making and processing one 8660x5773 (50 MP) JPEG: %.1f MiB\n", rss);
  for (const WorkerRss& w : worker_rss) {
    if (made < 0) break;
    std::printf(
        "worker step on a 50 MP %s original (%.1f MiB file): peak RSS (median of 3) %.1f MiB "
        "decoding from memory (before), %.1f MiB now (JPEG from the file, PNG as before)\n",
        w.format, static_cast<double>(std::filesystem::file_size(*w.path)) / (1024.0 * 1024.0),
        w.memory, w.file);
  }
  return 0;
}
