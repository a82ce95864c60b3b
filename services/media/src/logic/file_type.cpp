#include "logic/file_type.hpp"

#include <algorithm>
#include <cctype>

namespace sp::media {
namespace {

bool starts_with(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// ISO-BMFF: "ftyp" at offset 4 with an AVIF brand (major or compatible) in the box.
bool is_avif(std::string_view b) {
  if (b.size() < 16 || b.substr(4, 4) != "ftyp") return false;
  std::size_t box = (static_cast<unsigned char>(b[0]) << 24) |
                    (static_cast<unsigned char>(b[1]) << 16) |
                    (static_cast<unsigned char>(b[2]) << 8) | static_cast<unsigned char>(b[3]);
  box = std::min(box, b.size());
  for (std::size_t at = 8; at + 4 <= box; at += 4) {
    std::string_view brand = b.substr(at, 4);
    if (brand == "avif" || brand == "avis") return true;
  }
  return false;
}

// What a refused file looks like, for the reason; the first non-blank bytes, lower-cased.
std::string describe_refused(std::string_view b) {
  if (starts_with(b, "%PDF")) return "a PDF document";
  if (starts_with(b, "GIF87a") || starts_with(b, "GIF89a")) return "a GIF image";
  if (starts_with(b, "BM")) return "a BMP image";
  if (starts_with(b, "II*") || starts_with(b, "MM\0*")) return "a TIFF image";
  std::string head;
  for (char c : b.substr(0, 256)) {
    head.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (head.find("<svg") != std::string::npos) return "an SVG document";
  if (head.find("<html") != std::string::npos || head.find("<!doctype") != std::string::npos) {
    return "an HTML document";
  }
  if (b.empty()) return "an empty file";
  return "not a recognised image";
}

}  // namespace

std::string_view format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::kPng:
      return "png";
    case ImageFormat::kJpeg:
      return "jpeg";
    case ImageFormat::kWebp:
      return "webp";
    case ImageFormat::kAvif:
      return "avif";
  }
  return "unknown";
}

std::optional<ImageFormat> format_from_name(std::string_view name) {
  for (ImageFormat f :
       {ImageFormat::kPng, ImageFormat::kJpeg, ImageFormat::kWebp, ImageFormat::kAvif}) {
    if (format_name(f) == name) return f;
  }
  return std::nullopt;
}

Result<ImageFormat> sniff_image_format(std::string_view b) {
  using namespace std::string_view_literals;
  if (starts_with(b, "\x89PNG\r\n\x1a\n"sv)) return ImageFormat::kPng;
  if (starts_with(b, "\xff\xd8\xff"sv)) return ImageFormat::kJpeg;
  if (b.size() >= 12 && starts_with(b, "RIFF") && b.substr(8, 4) == "WEBP") {
    return ImageFormat::kWebp;
  }
  if (is_avif(b)) return ImageFormat::kAvif;
  return Error(ErrorCode::kUnsupportedMedia,
               "the file is " + describe_refused(b) + "; only PNG, JPEG, WebP and AVIF images " +
                   "are accepted (the type is read from the file's bytes)");
}

}  // namespace sp::media
