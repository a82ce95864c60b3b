#include "logic/image_hashes.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

namespace sp::media {
namespace {

constexpr std::string_view kBase83 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

void encode83(int value, int length, std::string& out) {
  for (int i = 1; i <= length; ++i) {
    int divisor = 1;
    for (int j = 0; j < length - i; ++j) divisor *= 83;
    out.push_back(kBase83[static_cast<std::size_t>((value / divisor) % 83)]);
  }
}

double srgb_to_linear(int v) {
  double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

int linear_to_srgb(double v) {
  v = std::clamp(v, 0.0, 1.0);
  double c = v <= 0.0031308 ? v * 12.92 : 1.055 * std::pow(v, 1 / 2.4) - 0.055;
  return static_cast<int>(std::lround(c * 255));
}

double sign_pow(double v, double e) {
  return std::copysign(std::pow(std::abs(v), e), v);
}

}  // namespace

std::string blurhash(std::string_view rgb, int width, int height, int xc, int yc) {
  if (width <= 0 || height <= 0 || rgb.size() < static_cast<std::size_t>(width * height * 3)) {
    return {};
  }
  std::vector<std::array<double, 3>> factors;
  for (int j = 0; j < yc; ++j) {
    for (int i = 0; i < xc; ++i) {
      std::array<double, 3> f{0, 0, 0};
      const double norm = (i == 0 && j == 0) ? 1 : 2;
      for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
          double basis = norm * std::cos(std::numbers::pi * i * x / width) *
                         std::cos(std::numbers::pi * j * y / height);
          const auto* p = reinterpret_cast<const unsigned char*>(rgb.data()) +
                          3 * (static_cast<std::size_t>(y) * width + x);
          for (int c = 0; c < 3; ++c) f[c] += basis * srgb_to_linear(p[c]);
        }
      }
      for (double& v : f) v /= static_cast<double>(width) * height;
      factors.push_back(f);
    }
  }
  std::string out;
  encode83((xc - 1) + (yc - 1) * 9, 1, out);
  double max_ac = 0;
  for (std::size_t k = 1; k < factors.size(); ++k) {
    for (double v : factors[k]) max_ac = std::max(max_ac, std::abs(v));
  }
  double max_value = 1;
  if (factors.size() > 1) {
    int quantised = std::clamp(static_cast<int>(std::floor(max_ac * 166 - 0.5)), 0, 82);
    max_value = (quantised + 1) / 166.0;
    encode83(quantised, 1, out);
  } else {
    encode83(0, 1, out);
  }
  const auto& dc = factors[0];
  encode83((linear_to_srgb(dc[0]) << 16) + (linear_to_srgb(dc[1]) << 8) + linear_to_srgb(dc[2]), 4,
           out);
  for (std::size_t k = 1; k < factors.size(); ++k) {
    int q[3];
    for (int c = 0; c < 3; ++c) {
      q[c] = std::clamp(
          static_cast<int>(std::floor(sign_pow(factors[k][c] / max_value, 0.5) * 9 + 9.5)), 0, 18);
    }
    encode83(q[0] * 19 * 19 + q[1] * 19 + q[2], 2, out);
  }
  return out;
}

std::string dominant_color(std::string_view rgb, int width, int height) {
  std::array<int, 4096> buckets{};
  const std::size_t n = static_cast<std::size_t>(std::max(0, width * height));
  for (std::size_t i = 0; i < n && 3 * i + 2 < rgb.size(); ++i) {
    const auto* p = reinterpret_cast<const unsigned char*>(rgb.data()) + 3 * i;
    ++buckets[static_cast<std::size_t>(((p[0] >> 4) << 8) | ((p[1] >> 4) << 4) | (p[2] >> 4))];
  }
  auto best = static_cast<int>(std::max_element(buckets.begin(), buckets.end()) - buckets.begin());
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", ((best >> 8) << 4) | 8,
                (((best >> 4) & 15) << 4) | 8, ((best & 15) << 4) | 8);
  return text;
}

uint64_t difference_hash(std::string_view grey) {
  uint64_t hash = 0;
  if (grey.size() < 72) return 0;
  const auto* g = reinterpret_cast<const unsigned char*>(grey.data());
  int bit = 0;
  for (int y = 0; y < 8; ++y) {
    for (int x = 0; x < 8; ++x, ++bit) {
      if (g[y * 9 + x] > g[y * 9 + x + 1]) hash |= uint64_t{1} << bit;
    }
  }
  return hash;
}

int hamming_distance(uint64_t a, uint64_t b) {
  return std::popcount(a ^ b);
}

std::string hash_hex(uint64_t hash) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

}  // namespace sp::media
