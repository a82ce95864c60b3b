#include "utf8.hpp"

#include <cstdint>

namespace sp::security::detail {

std::optional<std::size_t> utf8_code_points(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto at = [&](std::size_t k) { return static_cast<uint8_t>(text[k]); };
  auto continuation = [&](std::size_t k) { return k < n && (at(k) & 0xC0) == 0x80; };
  while (i < n) {
    const uint8_t b = at(i);
    std::size_t len = 0;
    // Bounds for the second byte exclude overlong forms, surrogates and values above U+10FFFF.
    uint8_t lo = 0x80, hi = 0xBF;
    if (b < 0x80) {
      len = 1;
    } else if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return std::nullopt;
    }
    if (len > 1) {
      if (i + 1 >= n || at(i + 1) < lo || at(i + 1) > hi) return std::nullopt;
      for (std::size_t k = 2; k < len; ++k) {
        if (!continuation(i + k)) return std::nullopt;
      }
    }
    i += len;
    ++count;
  }
  return count;
}

}  // namespace sp::security::detail
