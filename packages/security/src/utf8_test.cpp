#include "utf8.hpp"

#include <gtest/gtest.h>

namespace sp::security::detail {
namespace {

TEST(Utf8, CountsCodePointsNotBytes) {
  EXPECT_EQ(utf8_code_points(""), 0u);
  EXPECT_EQ(utf8_code_points("abc"), 3u);
  EXPECT_EQ(utf8_code_points("\xc3\xa9t\xc3\xa9"), 3u);         // été
  EXPECT_EQ(utf8_code_points("\xe6\x97\xa5\xe6\x9c\xac"), 2u);  // 日本
  EXPECT_EQ(utf8_code_points("\xf0\x9f\x94\x91"), 1u);          // U+1F511 key emoji
  EXPECT_EQ(utf8_code_points("\xf4\x8f\xbf\xbf"), 1u);          // U+10FFFF, the last one
}

TEST(Utf8, RejectsInvalidSequences) {
  const char* bad[] = {
      "\x80",              // lone continuation byte
      "\xc3",              // truncated two-byte sequence
      "\xc0\xaf",          // overlong '/'
      "\xe0\x80\xaf",      // overlong three-byte
      "\xed\xa0\x80",      // UTF-16 surrogate U+D800
      "\xf4\x90\x80\x80",  // above U+10FFFF
      "\xf5\x80\x80\x80",  // invalid lead byte
      "\xff",              // never valid
      "ab\xe6\x97",        // truncated at the end
  };
  for (const char* text : bad) EXPECT_FALSE(utf8_code_points(text).has_value()) << text;
}

}  // namespace
}  // namespace sp::security::detail
