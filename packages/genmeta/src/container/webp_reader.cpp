// WebP RIFF chunks: EXIF, "XMP " and C2PA. Chunk sizes are little-endian and padded to even.
#include "container/bytes.hpp"
#include "container/carriers.hpp"

namespace sp::genmeta::detail {

Carriers read_webp(std::string_view file) {
  Carriers out;
  if (sniff(file) != Format::kWebp) return out;
  size_t at = 12;
  while (true) {
    auto size = le32(file, at + 4);
    if (!size) break;
    auto body = slice(file, at + 8, *size);
    if (!body) break;
    std::string_view type = file.substr(at, 4);
    if (type == "EXIF") {
      read_exif(*body, out);
    } else if (type == "XMP ") {
      read_xmp(*body, out);
    } else if (type == "C2PA") {
      if (out.jumbf.empty()) out.jumbf.assign(*body);
    }
    at += 8 + static_cast<size_t>(*size) + (*size & 1);
  }
  return out;
}

}  // namespace sp::genmeta::detail
