#include "container/bytes.hpp"
#include "container/carriers.hpp"
#include "strip/strip.hpp"
#include "tools/tools.hpp"

namespace sp::genmeta::detail {
namespace {

void utf16be(std::string& out, std::string_view utf8) {
  for (size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    uint32_t cp = c;
    size_t n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : 3;
    cp = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k <= n && i + k < utf8.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += n + 1;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put_be16(out, static_cast<uint16_t>(0xD800 + (cp >> 10)));
      put_be16(out, static_cast<uint16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      put_be16(out, static_cast<uint16_t>(cp));
    }
  }
}

}  // namespace

std::string exif_with_user_comment(std::string_view text) {
  std::string comment(std::string_view("UNICODE\0", 8));
  utf16be(comment, text);
  std::string out = "MM";
  put_be16(out, 42);
  put_be32(out, 8);  // IFD0
  // IFD0: one entry, the EXIF IFD pointer (IFD0 = 2 + 12 + 4 = 18 bytes, EXIF IFD at 26).
  put_be16(out, 1);
  put_be16(out, 0x8769);
  put_be16(out, 4);
  put_be32(out, 1);
  put_be32(out, 26);
  put_be32(out, 0);
  // EXIF IFD: UserComment (UNDEFINED), data right after it (26 + 18 = 44).
  put_be16(out, 1);
  put_be16(out, 0x9286);
  put_be16(out, 7);
  put_be32(out, static_cast<uint32_t>(comment.size()));
  put_be32(out, 44);
  put_be32(out, 0);
  out += comment;
  return out;
}

std::optional<std::string> parameters_in_exif(std::string_view tiff) {
  Carriers c;
  read_exif(tiff, c);
  if (const auto* comment = c.find(kExifUserComment); comment && is_generation_text(*comment))
    return *comment;
  return std::nullopt;
}

}  // namespace sp::genmeta::detail
