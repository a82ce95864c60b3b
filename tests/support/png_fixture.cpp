#include "png_fixture.hpp"

#include <algorithm>
#include <string_view>

namespace sp::testing {
namespace {

using namespace std::string_literals;

uint32_t crc32(std::string_view bytes) {
  uint32_t crc = 0xffffffffu;
  for (unsigned char b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

}  // namespace

std::string be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

std::string png_chunk(std::string_view type, std::string_view data) {
  std::string body = std::string(type) + std::string(data);
  return be32(static_cast<uint32_t>(data.size())) + body + be32(crc32(body));
}

std::string gradient_png(uint32_t width, uint32_t height, unsigned char blue) {
  std::string raw;
  for (uint32_t y = 0; y < height; ++y) {
    raw.push_back('\0');  // filter: none
    for (uint32_t x = 0; x < width; ++x) {
      raw += {static_cast<char>(x * 255 / width), static_cast<char>(y * 255 / height),
              static_cast<char>(blue)};
    }
  }
  std::string z = "\x78\x01"s;
  for (std::size_t at = 0; at < raw.size(); at += 65535) {
    const auto n = static_cast<uint16_t>(std::min<std::size_t>(65535, raw.size() - at));
    z.push_back(at + n >= raw.size() ? '\x01' : '\x00');
    z += {static_cast<char>(n & 0xff), static_cast<char>(n >> 8), static_cast<char>(~n & 0xff),
          static_cast<char>((~n >> 8) & 0xff)};
    z.append(raw, at, n);
  }
  uint32_t a = 1, b = 0;
  for (unsigned char c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  z += be32((b << 16) | a);
  return "\x89PNG\r\n\x1a\n"s + png_chunk("IHDR", be32(width) + be32(height) + "\x08\x02\0\0\0"s) +
         png_chunk("IDAT", z) + png_chunk("IEND", "");
}

}  // namespace sp::testing
