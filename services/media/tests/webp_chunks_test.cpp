// WebP metadata chunks removed from a container built by hand.
#include <gtest/gtest.h>

#include "logic/webp_chunks.hpp"

namespace sp::media {
namespace {

using namespace std::string_literals;

std::string le32(uint32_t v) {
  return {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16),
          static_cast<char>(v >> 24)};
}
std::string chunk(const std::string& fourcc, const std::string& data) {
  return fourcc + le32(static_cast<uint32_t>(data.size())) + data + (data.size() % 2 ? "\0"s : ""s);
}
std::string riff(const std::string& chunks) {
  return "RIFF" + le32(static_cast<uint32_t>(chunks.size() + 4)) + "WEBP" + chunks;
}

TEST(WebpChunks, ExifXmpAndIccAreRemovedAndTheirFlagsCleared) {
  const std::string vp8x = "\x2c\0\0\0\x09\0\0\x09\0\0"s;  // ICC|EXIF|XMP flags, 10x10
  const std::string image = chunk("VP8 ", "pixels!");
  std::string in = riff(chunk("VP8X", vp8x) + chunk("ICCP", "profile") + image +
                        chunk("EXIF", "GPS 48.85N") + chunk("XMP ", "<x:xmpmeta/>"));
  auto out = webp_without_metadata(in);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, riff(chunk("VP8X", "\0\0\0\0\x09\0\0\x09\0\0"s) + image));
  EXPECT_EQ(out->find("GPS"), std::string::npos);
}

TEST(WebpChunks, MalformedContainersAreRefused) {
  EXPECT_FALSE(webp_without_metadata("RIFF\0\0\0\0WAVE"s));
  EXPECT_FALSE(webp_without_metadata(riff("VP8 \xff\xff\0\0abc"s)));  // chunk past the end
  EXPECT_FALSE(webp_without_metadata(riff("VP8")));
}

}  // namespace
}  // namespace sp::media
