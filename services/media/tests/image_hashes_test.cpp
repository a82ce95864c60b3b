// Blurhash, dominant colour and dHash on hand-made pixel buffers.
#include <gtest/gtest.h>

#include "logic/image_hashes.hpp"

namespace sp::media {
namespace {

std::string uniform(int w, int h, unsigned char r, unsigned char g, unsigned char b) {
  std::string px;
  for (int i = 0; i < w * h; ++i)
    px += {static_cast<char>(r), static_cast<char>(g), static_cast<char>(b)};
  return px;
}

int decode83(std::string_view s) {
  const std::string_view digits =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
  int v = 0;
  for (char c : s) v = v * 83 + static_cast<int>(digits.find(c));
  return v;
}

TEST(ImageHashes, BlurhashOfAUniformImageCarriesItsColour) {
  std::string hash = blurhash(uniform(8, 8, 255, 0, 0), 8, 8);
  ASSERT_EQ(hash.size(), 28u);
  EXPECT_EQ(hash[0], 'L');                           // (4-1) + (3-1)*9 = 21 -> 'L'
  EXPECT_EQ(decode83(hash.substr(2, 4)), 0xff0000);  // the DC component is the colour
  EXPECT_NE(blurhash(uniform(8, 8, 0, 0, 255), 8, 8), hash);
  EXPECT_EQ(blurhash("", 0, 0), "");
}

TEST(ImageHashes, DominantColourIsTheMostCommonBucket) {
  std::string px = uniform(10, 10, 200, 30, 40);
  for (int i = 0; i < 30; ++i) px[static_cast<std::size_t>(i * 3)] = 0;  // a minority of others
  EXPECT_EQ(dominant_color(px, 10, 10), "#c81828");
}

TEST(ImageHashes, DifferenceHashComparesNeighbours) {
  std::string rising(72, 0), falling(72, 0);
  for (int y = 0; y < 8; ++y) {
    for (int x = 0; x < 9; ++x) {
      rising[static_cast<std::size_t>(y * 9 + x)] = static_cast<char>(x * 20);
      falling[static_cast<std::size_t>(y * 9 + x)] = static_cast<char>(200 - x * 20);
    }
  }
  EXPECT_EQ(difference_hash(rising), 0u);
  EXPECT_EQ(difference_hash(falling), ~uint64_t{0});
  EXPECT_EQ(hamming_distance(difference_hash(rising), difference_hash(falling)), 64);
  EXPECT_EQ(hash_hex(0xabcdefULL), "0000000000abcdef");
}

}  // namespace
}  // namespace sp::media
