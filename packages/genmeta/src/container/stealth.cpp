#include "container/stealth.hpp"

#include <cstdlib>

#include "container/text_encoding.hpp"

namespace sp::genmeta::detail {
namespace {

constexpr size_t kBytesPerPixel = 4;

uint8_t paeth(int a, int b, int c) {
  int p = a + b - c;
  int pa = std::abs(p - a);
  int pb = std::abs(p - b);
  int pc = std::abs(p - c);
  return static_cast<uint8_t>(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

// Reverses the per-row filters in place; false on an unknown filter type.
bool unfilter(std::string& data, size_t width, size_t height) {
  const size_t stride = width * kBytesPerPixel;
  auto* d = reinterpret_cast<uint8_t*>(data.data());
  for (size_t y = 0; y < height; ++y) {
    uint8_t* row = d + y * (stride + 1);
    uint8_t filter = row[0];
    uint8_t* cur = row + 1;
    const uint8_t* prev = y > 0 ? d + (y - 1) * (stride + 1) + 1 : nullptr;
    for (size_t i = 0; i < stride; ++i) {
      int a = i >= kBytesPerPixel ? cur[i - kBytesPerPixel] : 0;
      int b = prev ? prev[i] : 0;
      int c = (prev && i >= kBytesPerPixel) ? prev[i - kBytesPerPixel] : 0;
      switch (filter) {
        case 0:
          break;
        case 1:
          cur[i] = static_cast<uint8_t>(cur[i] + a);
          break;
        case 2:
          cur[i] = static_cast<uint8_t>(cur[i] + b);
          break;
        case 3:
          cur[i] = static_cast<uint8_t>(cur[i] + (a + b) / 2);
          break;
        case 4:
          cur[i] = static_cast<uint8_t>(cur[i] + paeth(a, b, c));
          break;
        default:
          return false;
      }
    }
  }
  return true;
}

class AlphaBits {
 public:
  AlphaBits(const std::string& pixels, size_t width, size_t height)
      : pixels_(pixels), width_(width), height_(height) {}
  size_t left() const { return width_ * height_ - next_; }
  // The next `n` bits (n <= 32) as a big-endian number, column-major order.
  uint32_t take(int n) {
    uint32_t v = 0;
    for (int i = 0; i < n; ++i, ++next_) {
      size_t x = next_ / height_;
      size_t y = next_ % height_;
      size_t at = y * (width_ * kBytesPerPixel + 1) + 1 + x * kBytesPerPixel + 3;
      v = (v << 1) | (static_cast<uint8_t>(pixels_[at]) & 1);
    }
    return v;
  }

 private:
  const std::string& pixels_;
  size_t width_;
  size_t height_;
  size_t next_ = 0;
};

}  // namespace

std::optional<std::string> read_stealth_text(const PngPixels& png, InflateBudget& budget) {
  if (png.bit_depth != 8 || png.colour_type != 6 || png.interlace != 0 || png.idat.empty())
    return std::nullopt;
  const size_t width = png.width;
  const size_t height = png.height;
  if (width == 0 || height == 0 || width > (1u << 16) || height > (1u << 16)) return std::nullopt;
  const size_t expected = height * (width * kBytesPerPixel + 1);
  if (expected > budget.left()) return std::nullopt;
  std::string compressed;
  for (auto part : png.idat) {
    if (compressed.size() + part.size() > (64u << 20)) return std::nullopt;
    compressed.append(part);
  }
  auto pixels = inflate(compressed, budget);
  if (!pixels || pixels->size() < expected || !unfilter(*pixels, width, height))
    return std::nullopt;

  AlphaBits bits(*pixels, width, height);
  constexpr std::string_view kPlain = "stealth_pnginfo";
  constexpr std::string_view kCompressed = "stealth_pngcomp";
  if (bits.left() < (kPlain.size() + 4) * 8) return std::nullopt;
  std::string signature;
  for (size_t i = 0; i < kPlain.size(); ++i) signature.push_back(static_cast<char>(bits.take(8)));
  if (signature != kPlain && signature != kCompressed) return std::nullopt;
  uint32_t length_bits = bits.take(32);
  if (length_bits % 8 != 0 || length_bits > bits.left()) return std::nullopt;
  std::string data;
  data.reserve(length_bits / 8);
  for (uint32_t i = 0; i < length_bits / 8; ++i) data.push_back(static_cast<char>(bits.take(8)));
  if (signature == kCompressed) {
    auto text = inflate(data, budget);
    if (!text) return std::nullopt;
    return to_utf8_or_latin1(*text);
  }
  return to_utf8_or_latin1(data);
}

}  // namespace sp::genmeta::detail
