// Upload typing reads the bytes only: table of signatures accepted and refused.
#include <gtest/gtest.h>

#include "logic/file_type.hpp"

namespace sp::media {
namespace {

using namespace std::string_view_literals;

struct Accepted {
  std::string_view bytes;
  ImageFormat format;
};

TEST(FileType, ImageSignaturesGiveTheirFormat) {
  const Accepted cases[] = {
      {"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"sv, ImageFormat::kPng},
      {"\xff\xd8\xff\xe0\0\x10JFIF"sv, ImageFormat::kJpeg},
      {"RIFF\x24\0\0\0WEBPVP8 "sv, ImageFormat::kWebp},
      {"\0\0\0\x1c"
       "ftypavif\0\0\0\0avifmif1"sv,
       ImageFormat::kAvif},
      {"\0\0\0\x1c"
       "ftypmif1\0\0\0\0mif1avif"sv,
       ImageFormat::kAvif},
  };
  for (const auto& c : cases) {
    auto sniffed = sniff_image_format(c.bytes);
    ASSERT_TRUE(sniffed.ok()) << sniffed.error().message;
    EXPECT_EQ(*sniffed, c.format);
  }
}

struct Refused {
  std::string_view bytes;
  std::string_view reason;  // a part of the message
};

TEST(FileType, EverythingElseIs415WithAReason) {
  const Refused cases[] = {
      {"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"sv, "SVG"},
      {"<svg onload=alert(1)>"sv, "SVG"},
      {"%PDF-1.7\n%\xe2\xe3"sv, "PDF"},
      {"GIF89a\x01\0\x01\0"sv, "GIF"},
      {"<!DOCTYPE html><html>"sv, "HTML"},
      {"\0\0\0\x1c"
       "ftypheic\0\0\0\0mif1heic"sv,
       "not a recognised image"},
      {"RIFF\x24\0\0\0WAVEfmt "sv, "not a recognised image"},
      {"\x89PNG"sv, "not a recognised image"},  // a signature cut short
      {""sv, "empty"},
  };
  for (const auto& c : cases) {
    auto sniffed = sniff_image_format(c.bytes);
    ASSERT_FALSE(sniffed.ok()) << c.reason;
    EXPECT_EQ(sniffed.error().code, ErrorCode::kUnsupportedMedia);
    EXPECT_NE(sniffed.error().message.find(c.reason), std::string::npos) << sniffed.error().message;
  }
}

TEST(FileType, NamesRoundTrip) {
  for (ImageFormat f :
       {ImageFormat::kPng, ImageFormat::kJpeg, ImageFormat::kWebp, ImageFormat::kAvif}) {
    EXPECT_EQ(format_from_name(format_name(f)), f);
  }
  EXPECT_EQ(format_from_name("svg"), std::nullopt);
}

}  // namespace
}  // namespace sp::media
