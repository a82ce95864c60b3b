#pragma once
// What the container readers find in a file: every text that may hold generation parameters
// (keyed as the tool wrote it), the C2PA JUMBF store, and what the stealth reader needs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "container/inflate.hpp"

namespace sp::genmeta::detail {

struct TextEntry {
  // PNG text keyword as written ("parameters", "prompt", "Comment", ...); texts from EXIF, XMP and
  // JPEG COM use the synthetic keys below.
  std::string key;
  std::string value;  // valid UTF-8
};

inline constexpr std::string_view kExifUserComment = "exif:UserComment";
inline constexpr std::string_view kExifImageDescription = "exif:ImageDescription";
inline constexpr std::string_view kExifMake = "exif:Make";
inline constexpr std::string_view kExifSoftware = "exif:Software";
inline constexpr std::string_view kJpegComment = "jpeg:COM";
inline constexpr std::string_view kXmpText = "xmp";

struct PngPixels {
  uint32_t width = 0;
  uint32_t height = 0;
  uint8_t bit_depth = 0;
  uint8_t colour_type = 0;
  uint8_t interlace = 0;
  std::vector<std::string_view> idat;  // views into the file bytes, in order
};

struct Carriers {
  std::vector<TextEntry> texts;
  std::string jumbf;  // the C2PA manifest store's bytes (one superbox), empty when absent
  std::optional<PngPixels> png;

  // The first text stored under `key`, or nullptr.
  const std::string* find(std::string_view key) const {
    for (const auto& t : texts)
      if (t.key == key) return &t.value;
    return nullptr;
  }
};

Carriers read_png(std::string_view file, InflateBudget& budget);
Carriers read_jpeg(std::string_view file);
Carriers read_webp(std::string_view file);
// Adds the texts of a TIFF/EXIF block ("II*\0" or "MM\0*" header, optional "Exif\0\0" prefix).
void read_exif(std::string_view tiff, Carriers& out);
// Adds the parameter-like texts of an XMP packet.
void read_xmp(std::string_view xmp, Carriers& out);
// Decodes an EXIF UserComment value (8-byte charset prefix, then the text).
std::string decode_user_comment(std::string_view value, bool tiff_big_endian);

enum class Format { kPng, kJpeg, kWebp, kOther };
Format sniff(std::string_view file);

}  // namespace sp::genmeta::detail
