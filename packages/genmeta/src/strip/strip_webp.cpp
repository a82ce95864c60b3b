// WebP: drops the EXIF, XMP and C2PA chunks (with keep_parameters the EXIF chunk is rewritten to
// hold only the parameters' UserComment), then fixes the VP8X flags and the RIFF size.
#include "container/bytes.hpp"
#include "strip/strip.hpp"

namespace sp::genmeta::detail {
namespace {

constexpr uint8_t kExifFlag = 0x08;
constexpr uint8_t kXmpFlag = 0x04;

void put_chunk(std::string& out, std::string_view type, std::string_view body) {
  out.append(type);
  put_le32(out, static_cast<uint32_t>(body.size()));
  out.append(body);
  if (body.size() & 1) out.push_back('\0');
}

}  // namespace

std::optional<std::string> strip_webp(std::string_view file, bool keep_parameters) {
  auto riff_size = le32(file, 4);
  if (!file.starts_with("RIFF") || !riff_size || file.substr(8, 4) != "WEBP") return std::nullopt;
  if (static_cast<uint64_t>(*riff_size) + 8 > file.size()) return std::nullopt;
  std::string_view body = file.substr(0, static_cast<size_t>(*riff_size) + 8);
  std::string out("RIFF\0\0\0\0WEBP", 12);
  bool has_exif = false;
  size_t vp8x_at = std::string::npos;
  size_t at = 12;
  while (at < body.size()) {
    auto size = le32(body, at + 4);
    if (!size) return std::nullopt;
    size_t padded = static_cast<size_t>(*size) + (*size & 1);
    auto data = slice(body, at + 8, *size);
    if (!data) return std::nullopt;  // a chunk running past the RIFF size
    std::string_view type = body.substr(at, 4);
    if (type == "EXIF") {
      if (keep_parameters && !has_exif)
        if (auto params = parameters_in_exif(*data)) {
          put_chunk(out, "EXIF", exif_with_user_comment(*params));
          has_exif = true;
        }
    } else if (type != "XMP " && type != "C2PA") {
      if (type == "VP8X") vp8x_at = out.size();
      put_chunk(out, type, *data);
    }
    at += 8 + padded;
  }
  if (vp8x_at != std::string::npos && out.size() > vp8x_at + 8) {
    auto& flags = out[vp8x_at + 8];
    flags = static_cast<char>((static_cast<uint8_t>(flags) & ~(kExifFlag | kXmpFlag)) |
                              (has_exif ? kExifFlag : 0));
  }
  uint32_t size = static_cast<uint32_t>(out.size() - 8);
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<char>(size >> (8 * i));
  return out;
}

}  // namespace sp::genmeta::detail
