#pragma once
// The image pipeline on libvips (included only in image_pipeline.cpp): untrusted loaders
// blocked, PNG/JPEG/WebP/AVIF loaders only, dimensions checked from the header before any pixel
// is decoded, decode errors fatal (a truncated file is refused, not half-rendered), the first frame
// of an animation, EXIF auto-rotation, sRGB, WebP variants at 256/512/1024/2048 px wide (never
// upscaled; shrink-on-load) with every metadata field stripped, and the blurhash, dominant colour
// and 64-bit dHash of the smallest variant. AVIF variants beside the WebP ones when asked.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/result.hpp"

namespace sp::media {

inline constexpr int64_t kMaxPixels = 50'000'000;
inline constexpr int kMaxSide = 16'384;
inline constexpr int kVariantWidths[] = {256, 512, 1024, 2048};

struct ImageHeader {
  int width = 0;
  int height = 0;
  std::string loader;  // libvips loader class, e.g. "VipsForeignLoadPngBuffer"
};

struct Variant {
  int width = 0;
  int height = 0;
  std::string format;  // "webp" | "avif"
  std::string bytes;
};

// What the pipeline encodes besides WebP.
struct EncodeOptions {
  bool avif = false;      // media.avif: an AVIF beside each WebP variant
  int avif_effort = 0;    // media.avif_effort: libheif/aom CPU effort 0 (fastest) .. 9
  int avif_quality = 50;  // media.avif_quality: Q 1..100
};

// True when this libvips can encode AVIF (libheif with an AV1 encoder): a 16x16 image is encoded
// and read back. The service's media.avif default.
bool avif_encoding_works();

// The widths of the variants of an image `width` pixels wide (after auto-rotation), ascending:
// the standard widths not wider than the image, plus the image's own width when it is narrower
// than the largest standard width and not one of them (never upscaled). An image narrower than the
// smallest standard width gets one variant at its own width.
std::vector<int> variant_widths(int width);

struct ProcessedImage {
  int width = 0;  // after auto-rotation
  int height = 0;
  std::vector<Variant> variants;  // ascending width (WebP, then AVIF when enabled); at least one
  std::string blurhash;
  std::string dominant_color;  // "#rrggbb"
  uint64_t phash = 0;          // dHash of the smallest variant
};

// The header of `bytes` without decoding pixels. kUnprocessable with a reason for the uploader:
// no allowed loader, too large (sides or pixel count), unreadable header.
Result<ImageHeader> read_image_header(std::string_view bytes);

// The whole pipeline. kUnprocessable: the file is refused (the reason is for the uploader);
// kInternal: a libvips failure worth retrying.
Result<ProcessedImage> process_image(std::string_view bytes, const EncodeOptions& options = {});
// The same from a file: libvips reads it through a file source as it decodes (sequential
// access, shrink-on-load) instead of from a copy of the whole file in memory. The worker uses it
// for JPEG and AVIF originals (logic/media_worker.hpp decode_from_file).
Result<ProcessedImage> process_image_file(const std::string& path,
                                          const EncodeOptions& options = {});

// The names of every metadata field libvips sees on an encoded image (tests check variants carry
// no exif/xmp/iptc/icc); kUnprocessable when it cannot be read.
Result<std::vector<std::string>> metadata_fields(std::string_view encoded);

// Encodes a test image of the given size and format ("png", "jpeg", "webp") from a gradient
// (mirrored left to right when asked: a different picture); for tests and benchmarks (fixtures
// are generated, never committed).
Result<std::string> synthesize_image(int width, int height, std::string_view format,
                                     bool mirrored = false);

}  // namespace sp::media
