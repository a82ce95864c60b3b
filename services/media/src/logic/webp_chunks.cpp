#include "logic/webp_chunks.hpp"

#include <cstdint>

namespace sp::media {
namespace {

uint32_t le32(std::string_view b, std::size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

void put_le32(std::string& b, std::size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + static_cast<std::size_t>(i)] = static_cast<char>(v >> (8 * i));
}

constexpr unsigned char kIccFlag = 0x20, kExifFlag = 0x08, kXmpFlag = 0x04;

}  // namespace

std::optional<std::string> webp_without_metadata(std::string_view webp) {
  if (webp.size() < 12 || webp.substr(0, 4) != "RIFF" || webp.substr(8, 4) != "WEBP") {
    return std::nullopt;
  }
  std::string out(webp.substr(0, 12));
  std::size_t at = 12;
  while (at < webp.size()) {
    if (webp.size() - at < 8) return std::nullopt;
    std::string_view fourcc = webp.substr(at, 4);
    const uint64_t size = le32(webp, at + 4);
    const uint64_t padded = size + (size & 1);
    if (padded > webp.size() - at - 8) return std::nullopt;
    if (fourcc != "EXIF" && fourcc != "XMP " && fourcc != "ICCP") {
      const std::size_t start = out.size();
      out.append(webp.substr(at, 8 + static_cast<std::size_t>(padded)));
      if (fourcc == "VP8X" && size >= 1) {
        out[start + 8] = static_cast<char>(static_cast<unsigned char>(out[start + 8]) &
                                           ~(kIccFlag | kExifFlag | kXmpFlag));
      }
    }
    at += 8 + static_cast<std::size_t>(padded);
  }
  put_le32(out, 4, static_cast<uint32_t>(out.size() - 8));
  return out;
}

}  // namespace sp::media
