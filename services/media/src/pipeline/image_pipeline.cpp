#include "pipeline/image_pipeline.hpp"

#include <vips/vips.h>

#include <memory>
#include <mutex>
#include <stdexcept>

#include "logic/image_hashes.hpp"
#include "logic/webp_chunks.hpp"

namespace sp::media {
namespace {

struct ImageUnref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using Image = std::unique_ptr<VipsImage, ImageUnref>;

// libvips once per process: untrusted loaders (ImageMagick, PDF, SVG, matload, ...) blocked, no
// operation cache (every upload is new bytes; a cache only holds memory).
void init_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (vips_init("strangeprompt") != 0) throw std::runtime_error("libvips failed to start");
    vips_block_untrusted_set(TRUE);
    vips_cache_set_max(0);
  });
}

// The libvips error buffer's text (cleared): the private detail of a failure.
std::string vips_failure() {
  std::string text = vips_error_buffer();
  vips_error_clear();
  return text;
}

Error refused(std::string reason) {
  vips_error_clear();
  return Error(ErrorCode::kUnprocessable, std::move(reason));
}

bool allowed_loader(std::string_view name) {
  return name == "VipsForeignLoadPngBuffer" || name == "VipsForeignLoadJpegBuffer" ||
         name == "VipsForeignLoadWebpBuffer" || name == "VipsForeignLoadHeifBuffer" ||
         name == "VipsForeignLoadPngFile" || name == "VipsForeignLoadJpegFile" ||
         name == "VipsForeignLoadWebpFile" || name == "VipsForeignLoadHeifFile";
}

// Where libvips reads an image: bytes in memory, or a file (`path` set), which the loaders read
// from disk as they go (sequential access, shrink-on-load) instead of from a copy in memory.
// Paths are the service's own (blob store keys, temporary files): no "[options]" suffix.
struct Source {
  std::string_view bytes;
  const char* path = nullptr;
};

// Lazily loaded: only the header is read until pixels are asked for.
Result<Image> open_header(const Source& source) {
  Image image(source.path != nullptr
                  ? vips_image_new_from_file(source.path, "access", VIPS_ACCESS_SEQUENTIAL,
                                             "fail_on", VIPS_FAIL_ON_ERROR, nullptr)
                  : vips_image_new_from_buffer(source.bytes.data(), source.bytes.size(), "",
                                               "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                               VIPS_FAIL_ON_ERROR, nullptr));
  if (!image) return refused("the image's header cannot be read");
  return image;
}

// A shrink-on-load thumbnail `width` wide (height free), sRGB, first frame, auto-rotated.
Result<Image> thumbnail(const Source& source, int width, int height, VipsSize size) {
  VipsImage* out = nullptr;
  int failed = 0;
  if (source.path != nullptr) {
    // A file through a VipsSource: read from disk as the loader goes. (vips_thumbnail on a file
    // name drops load options in libvips 8.14, so fail_on would be lost.)
    VipsSource* file = vips_source_new_from_file(source.path);
    if (file == nullptr) return Error::internal_error("open the original: " + vips_failure());
    failed = vips_thumbnail_source(file, &out, width, "height", height, "size", size,
                                   "option_string", "fail_on=error", nullptr);
    g_object_unref(file);
  } else {
    failed = vips_thumbnail_buffer(const_cast<char*>(source.bytes.data()), source.bytes.size(),
                                   &out, width, "height", height, "size", size, "option_string",
                                   "fail_on=error", nullptr);
  }
  if (failed != 0) {
    return Error(ErrorCode::kUnprocessable, "the image cannot be decoded (damaged or truncated)",
                 vips_failure());
  }
  Image thumb(out);
  VipsImage* srgb = nullptr;
  if (vips_colourspace(thumb.get(), &srgb, VIPS_INTERPRETATION_sRGB, nullptr) != 0) {
    return Error(ErrorCode::kUnprocessable, "the image's colours cannot be converted",
                 vips_failure());
  }
  return Image(srgb);
}

// Pixels of `image` as `bands` unsigned bytes per pixel (alpha dropped), decoding it.
Result<std::string> pixels(VipsImage* image, int bands) {
  VipsImage* extracted = nullptr;
  if (vips_extract_band(image, &extracted, 0, "n", bands, nullptr) != 0) {
    return Error(ErrorCode::kUnprocessable, "the image cannot be decoded", vips_failure());
  }
  Image e(extracted);
  VipsImage* cast = nullptr;
  if (vips_cast_uchar(e.get(), &cast, nullptr) != 0) {
    return Error(ErrorCode::kUnprocessable, "the image cannot be decoded", vips_failure());
  }
  Image c(cast);
  std::size_t size = 0;
  void* memory = vips_image_write_to_memory(c.get(), &size);
  if (memory == nullptr) {
    return Error(ErrorCode::kUnprocessable, "the image cannot be decoded", vips_failure());
  }
  std::string out(static_cast<const char*>(memory), size);
  g_free(memory);
  return out;
}

// A new image holding only the pixels of `image` (decoded here): no EXIF, GPS, XMP, IPTC, ICC
// or any other field can follow it into an output.
Result<Image> pixels_only(VipsImage* image) {
  std::size_t size = 0;
  void* memory = vips_image_write_to_memory(image, &size);
  if (memory == nullptr) {
    return Error(ErrorCode::kUnprocessable, "the image cannot be decoded (damaged or truncated)",
                 vips_failure());
  }
  VipsImage* bare = vips_image_new_from_memory_copy(
      memory, size, vips_image_get_width(image), vips_image_get_height(image),
      vips_image_get_bands(image), vips_image_get_format(image));
  g_free(memory);
  if (bare == nullptr) return Error::internal_error("copy pixels: " + vips_failure());
  bare->Type = vips_image_get_interpretation(image);
  return Image(bare);
}

Result<Variant> encode_avif(VipsImage* thumb, const EncodeOptions& options) {
  void* buffer = nullptr;
  std::size_t size = 0;
  // 8-bit AV1 in HEIF (AVIF); the image holds pixels only, and strip keeps libheif from adding
  // anything of its own.
  if (vips_heifsave_buffer(thumb, &buffer, &size, "Q", options.avif_quality, "effort",
                           options.avif_effort, "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1,
                           "bitdepth", 8, "strip", TRUE, nullptr) != 0) {
    return Error::internal_error("heifsave (AVIF): " + vips_failure());
  }
  std::string bytes(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return Variant{vips_image_get_width(thumb), vips_image_get_height(thumb), "avif",
                 std::move(bytes)};
}

// The WebP variant `width` wide, and its AVIF twin (from the same pixels) when asked.
Result<std::vector<Variant>> encode_variant(const Source& source, int width,
                                            const EncodeOptions& options) {
  SP_ASSIGN_OR_RETURN(Image decoded, thumbnail(source, width, VIPS_MAX_COORD, VIPS_SIZE_DOWN));
  SP_ASSIGN_OR_RETURN(Image thumb, pixels_only(decoded.get()));
  void* buffer = nullptr;
  std::size_t size = 0;
  if (vips_webpsave_buffer(thumb.get(), &buffer, &size, "Q", 80, "strip", TRUE, nullptr) != 0) {
    return Error(ErrorCode::kUnprocessable, "the image cannot be decoded (damaged or truncated)",
                 vips_failure());
  }
  std::optional<std::string> clean =
      webp_without_metadata(std::string_view(static_cast<const char*>(buffer), size));
  g_free(buffer);
  if (!clean) return Error::internal_error("webpsave wrote a malformed container");
  std::vector<Variant> out;
  out.push_back(Variant{vips_image_get_width(thumb.get()), vips_image_get_height(thumb.get()),
                        "webp", std::move(*clean)});
  if (options.avif) {
    SP_ASSIGN_OR_RETURN(Variant avif, encode_avif(thumb.get(), options));
    out.push_back(std::move(avif));
  }
  return out;
}

Result<ImageHeader> read_header(const Source& source) {
  init_vips();
  const char* loader = source.path != nullptr ? vips_foreign_find_load(source.path)
                                              : vips_foreign_find_load_buffer(source.bytes.data(),
                                                                              source.bytes.size());
  if (loader == nullptr || !allowed_loader(loader)) {
    return refused("the file is not a PNG, JPEG, WebP or AVIF image that can be read");
  }
  SP_ASSIGN_OR_RETURN(Image image, open_header(source));
  ImageHeader header{vips_image_get_width(image.get()), vips_image_get_height(image.get()), loader};
  const int64_t pixels_count = int64_t{header.width} * header.height;
  if (header.width > kMaxSide || header.height > kMaxSide || pixels_count > kMaxPixels) {
    return refused("the image is " + std::to_string(header.width) + "x" +
                   std::to_string(header.height) + " pixels; at most " + std::to_string(kMaxSide) +
                   " pixels a side and 50 megapixels are accepted");
  }
  if (header.width <= 0 || header.height <= 0) return refused("the image has no pixels");
  return header;
}

Result<ProcessedImage> process(const Source& source, const EncodeOptions& options) {
  SP_ASSIGN_OR_RETURN(ImageHeader header, read_header(source));
  ProcessedImage out;
  SP_ASSIGN_OR_RETURN(Image probe, open_header(source));
  int orientation = 1;
  if (vips_image_get_typeof(probe.get(), VIPS_META_ORIENTATION) != 0) {
    (void)vips_image_get_int(probe.get(), VIPS_META_ORIENTATION, &orientation);
  }
  probe.reset();
  const bool swapped = orientation >= 5 && orientation <= 8;
  out.width = swapped ? header.height : header.width;
  out.height = swapped ? header.width : header.height;
  std::vector<Variant> avif;
  for (int width : variant_widths(out.width)) {
    SP_ASSIGN_OR_RETURN(std::vector<Variant> encoded, encode_variant(source, width, options));
    out.variants.push_back(std::move(encoded.front()));
    if (encoded.size() > 1) avif.push_back(std::move(encoded[1]));
  }
  for (Variant& v : avif) out.variants.push_back(std::move(v));
  const Source smallest{.bytes = out.variants.front().bytes};
  SP_ASSIGN_OR_RETURN(Image tiny, thumbnail(smallest, 32, 32, VIPS_SIZE_FORCE));
  SP_ASSIGN_OR_RETURN(std::string rgb, pixels(tiny.get(), 3));
  out.blurhash = blurhash(rgb, 32, 32);
  out.dominant_color = dominant_color(rgb, 32, 32);
  SP_ASSIGN_OR_RETURN(Image grid, thumbnail(smallest, 9, 8, VIPS_SIZE_FORCE));
  VipsImage* grey = nullptr;
  if (vips_colourspace(grid.get(), &grey, VIPS_INTERPRETATION_B_W, nullptr) != 0) {
    return Error::internal_error("greyscale: " + vips_failure());
  }
  Image g(grey);
  SP_ASSIGN_OR_RETURN(std::string grey_pixels, pixels(g.get(), 1));
  out.phash = difference_hash(grey_pixels);
  return out;
}

}  // namespace

Result<ImageHeader> read_image_header(std::string_view bytes) {
  return read_header(Source{.bytes = bytes});
}

std::vector<int> variant_widths(int width) {
  std::vector<int> out;
  for (int standard : kVariantWidths) {
    if (standard <= width) out.push_back(standard);
  }
  const int largest = kVariantWidths[std::size(kVariantWidths) - 1];
  if (width > 0 && width < largest && (out.empty() || out.back() != width)) out.push_back(width);
  return out;
}

bool avif_encoding_works() {
  init_vips();
  Result<std::string> png = synthesize_image(16, 16, "png");
  if (!png.ok()) return false;
  Result<ProcessedImage> done = process_image(*png, EncodeOptions{.avif = true});
  if (!done.ok()) {
    vips_error_clear();
    return false;
  }
  for (const Variant& v : done->variants) {
    if (v.format == "avif") return read_image_header(v.bytes).ok();
  }
  return false;
}

Result<ProcessedImage> process_image(std::string_view bytes, const EncodeOptions& options) {
  return process(Source{.bytes = bytes}, options);
}

Result<ProcessedImage> process_image_file(const std::string& path, const EncodeOptions& options) {
  return process(Source{.bytes = {}, .path = path.c_str()}, options);
}

Result<std::vector<std::string>> metadata_fields(std::string_view encoded) {
  init_vips();
  SP_ASSIGN_OR_RETURN(Image image, open_header(Source{.bytes = encoded}));
  std::vector<std::string> out;
  gchar** fields = vips_image_get_fields(image.get());
  for (gchar** f = fields; f != nullptr && *f != nullptr; ++f) out.emplace_back(*f);
  g_strfreev(fields);
  return out;
}

Result<std::string> synthesize_image(int width, int height, std::string_view format,
                                     bool mirrored) {
  init_vips();
  VipsImage* xy = nullptr;
  if (vips_xyz(&xy, width, height, nullptr) != 0) return Error::internal_error(vips_failure());
  Image a(xy);
  double scale[2] = {255.0 / width, 255.0 / height};
  double offset[2] = {0, 0};
  VipsImage* scaled = nullptr;
  if (vips_linear(a.get(), &scaled, scale, offset, 2, nullptr) != 0) {
    return Error::internal_error(vips_failure());
  }
  Image b(scaled);
  VipsImage* three = nullptr;
  if (vips_bandjoin_const1(b.get(), &three, 96, nullptr) != 0) {
    return Error::internal_error(vips_failure());
  }
  Image c(three);
  VipsImage* cast = nullptr;
  if (vips_cast_uchar(c.get(), &cast, nullptr) != 0) return Error::internal_error(vips_failure());
  Image d(cast);
  VipsImage* tagged = nullptr;
  if (vips_copy(d.get(), &tagged, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr) != 0) {
    return Error::internal_error(vips_failure());
  }
  Image e(tagged);
  if (mirrored) {
    VipsImage* flipped = nullptr;
    if (vips_flip(e.get(), &flipped, VIPS_DIRECTION_HORIZONTAL, nullptr) != 0) {
      return Error::internal_error(vips_failure());
    }
    e.reset(flipped);
  }
  const std::string suffix = "." + std::string(format);
  void* buffer = nullptr;
  std::size_t size = 0;
  if (vips_image_write_to_buffer(e.get(), suffix.c_str(), &buffer, &size, nullptr) != 0) {
    return Error::internal_error(vips_failure());
  }
  std::string out(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return out;
}

}  // namespace sp::media
