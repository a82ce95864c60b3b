// strip_metadata: pixels and colour kept; the parameters kept only when asked; everything else
// (EXIF with GPS, XMP, C2PA, times, other text) gone; nullopt when unsure.
#include <gtest/gtest.h>

#include "container/carriers.hpp"
#include "testing/expect.hpp"
#include "testing/fixtures.hpp"
#include "testing/samples.hpp"

namespace sp::genmeta {
namespace {

using namespace testing;

std::string c2pa() {
  return c2pa_store("ChatGPT", "", "");
}

std::string png_with_everything() {
  return png_file(
      {png_chunk("gAMA", std::string("\0\0\xb1\x8f", 4)), png_chunk("tIME", std::string(7, '\1')),
       png_chunk("eXIf", "MM\0*"), png_text("parameters", kA1111Simple),
       png_text("date:create", "2025"), png_chunk("caBX", c2pa())},
      {png_text("Comment", "secret")});
}

TEST(StripPng, KeepsPixelsColourAndParameters) {
  auto out = strip_metadata(png_with_everything(), true);
  ASSERT_TRUE(out);
  EXPECT_NE(out->find("gAMA"), std::string::npos);
  EXPECT_NE(out->find("IDAT"), std::string::npos);
  EXPECT_EQ(out->find("tIME"), std::string::npos);
  EXPECT_EQ(out->find("eXIf"), std::string::npos);
  EXPECT_EQ(out->find("caBX"), std::string::npos);
  EXPECT_EQ(out->find("date:create"), std::string::npos);
  EXPECT_EQ(str(metadata_of(*out), "prompt"), "photo of a duck");
  EXPECT_FALSE(provenance_of(*out));
}

TEST(StripPng, WithoutParametersNoTextRemains) {
  auto out = strip_metadata(png_with_everything(), false);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->find("tEXt"), std::string::npos);
  EXPECT_EQ(str(metadata_of(*out), "tool"), "unknown");
  EXPECT_TRUE(out->ends_with(std::string("IEND\xae\x42\x60\x82", 8)));
}

TEST(StripPng, UnknownCriticalChunkOrTruncationGivesNullopt) {
  EXPECT_FALSE(strip_metadata(png_file({png_chunk("ABCD", "x")}), true));
  auto file = png_file({});
  EXPECT_FALSE(strip_metadata(file.substr(0, file.size() - 6), true));
}

std::string jpeg_with_everything() {
  auto tiff = tiff_with_user_comment(user_comment_unicode(kA1111Simple, true), true);
  std::vector<std::string> segs = {jpeg_exif(tiff), jpeg_xmp(xmp_packet("dc:title", "x")),
                                   jpeg_segment(0xFE, "hello"),
                                   jpeg_segment(0xE2, std::string("ICC_PROFILE\0\1\1icc", 17))};
  for (auto& s : jpeg_app11(c2pa(), 100)) segs.push_back(s);
  return jpeg_file(segs);
}

TEST(StripJpeg, KeepsParametersAsALoneUserComment) {
  auto file = jpeg_with_everything();
  auto out = strip_metadata(file, true);
  ASSERT_TRUE(out);
  EXPECT_EQ(str(metadata_of(*out), "prompt"), "photo of a duck");
  EXPECT_FALSE(provenance_of(*out));
  EXPECT_EQ(out->find("http://ns.adobe.com"), std::string::npos);
  EXPECT_EQ(out->find("hello"), std::string::npos);
  EXPECT_EQ(out->find("Cam"), std::string::npos);                       // EXIF Make gone
  EXPECT_EQ(out->find(std::string("\x88\x25", 2)), std::string::npos);  // GPS IFD gone
  EXPECT_NE(out->find("ICC_PROFILE"), std::string::npos);
  EXPECT_NE(out->find("JFIF"), std::string::npos);
  auto scan = file.substr(file.find("\xff\xda"));
  EXPECT_TRUE(out->ends_with(scan));
}

TEST(StripJpeg, WithoutParametersNoApp1Remains) {
  auto out = strip_metadata(jpeg_with_everything(), false);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->find("Exif"), std::string::npos);
  EXPECT_EQ(str(metadata_of(*out), "tool"), "unknown");
}

TEST(StripJpeg, ParametersInComAreKept) {
  auto out = strip_metadata(jpeg_file({jpeg_segment(0xFE, kA1111Simple)}), true);
  ASSERT_TRUE(out);
  EXPECT_EQ(str(metadata_of(*out), "tool"), "AUTOMATIC1111");
}

TEST(StripJpeg, TruncatedGivesNullopt) {
  auto file = jpeg_with_everything();
  EXPECT_FALSE(strip_metadata(file.substr(0, 40), true));
}

TEST(StripWebp, DropsExifXmpC2paAndFixesHeader) {
  auto tiff = tiff_with_user_comment(user_comment_unicode(kA1111Simple, false), false);
  auto file =
      webp_file({webp_chunk("EXIF", tiff), webp_chunk("XMP ", "<x/>"), webp_chunk("C2PA", c2pa())});
  auto out = strip_metadata(file, false);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->find("EXIF"), std::string::npos);
  EXPECT_EQ(out->find("XMP "), std::string::npos);
  EXPECT_EQ(out->find("C2PA"), std::string::npos);
  EXPECT_EQ((*out)[20] & 0x0C, 0);  // VP8X EXIF and XMP flags cleared
  uint32_t riff = static_cast<uint8_t>((*out)[4]) | static_cast<uint8_t>((*out)[5]) << 8 |
                  static_cast<uint8_t>((*out)[6]) << 16 |
                  static_cast<uint32_t>(static_cast<uint8_t>((*out)[7])) << 24;
  EXPECT_EQ(riff, out->size() - 8);
  auto kept = strip_metadata(file, true);
  ASSERT_TRUE(kept);
  EXPECT_EQ(str(metadata_of(*kept), "prompt"), "photo of a duck");
  EXPECT_EQ((*kept)[20] & 0x0C, 0x08);
  EXPECT_FALSE(provenance_of(*kept));
}

TEST(Strip, OtherFormatsGiveNullopt) {
  EXPECT_FALSE(strip_metadata("GIF89a", true));
  EXPECT_FALSE(strip_metadata("", false));
}

}  // namespace
}  // namespace sp::genmeta
