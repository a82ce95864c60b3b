#include "strangeprompt/security/encoding.hpp"

#include <gtest/gtest.h>

namespace sp::security {
namespace {

struct Base64Case {
  std::string bytes;
  std::string text;
};

// RFC 4648 §10 vectors without padding, plus the two URL-safe characters.
const Base64Case kBase64Cases[] = {
    {"", ""},
    {"f", "Zg"},
    {"fo", "Zm8"},
    {"foo", "Zm9v"},
    {"foob", "Zm9vYg"},
    {"fooba", "Zm9vYmE"},
    {"foobar", "Zm9vYmFy"},
    {"\xfb\xff", "-_8"},
    {std::string("\x00\x00\x00", 3), "AAAA"},
    {"\xff\xff\xff", "____"},
};

TEST(Base64Url, EncodesRfc4648VectorsWithoutPadding) {
  for (const auto& c : kBase64Cases) EXPECT_EQ(base64url_encode(c.bytes), c.text) << c.text;
}

TEST(Base64Url, DecodesRfc4648Vectors) {
  for (const auto& c : kBase64Cases) {
    const auto decoded = base64url_decode(c.text);
    ASSERT_TRUE(decoded.has_value()) << c.text;
    EXPECT_EQ(*decoded, c.bytes) << c.text;
  }
}

TEST(Base64Url, DecodeRejectsMalformedText) {
  const char* bad[] = {
      "Zg==",      // padding
      "Zm8=",      // padding
      "Z",         // one character cannot encode a byte
      "Zm9vY",     // length 5 mod 4 == 1
      "Zm+v",      // standard-alphabet '+'
      "Zm/v",      // standard-alphabet '/'
      "Zm9 v",     // space
      "Zm9v\n",    // newline
      "Zh",        // 'h' leaves non-zero trailing bits: "Zg" is the canonical spelling
      "Zm9",       // '9' leaves non-zero trailing bits: "Zm8" is canonical
      "Zm9vYmF.",  // dot
  };
  for (const char* text : bad) EXPECT_FALSE(base64url_decode(text).has_value()) << text;
}

TEST(Base64Url, RoundTripsEveryByteValue) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t n = 0; n <= all.size(); n += 37) {
    const std::string bytes = all.substr(0, n);
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes);
  }
}

TEST(Hex, EncodesLowercaseAndDecodesEitherCase) {
  EXPECT_EQ(hex_encode("\x01\xab\xff"), "01abff");
  EXPECT_EQ(hex_decode("01ABff"), std::string("\x01\xab\xff"));
}

TEST(Hex, DecodeRejectsOddLengthAndNonDigits) {
  EXPECT_FALSE(hex_decode("abc").has_value());
  EXPECT_FALSE(hex_decode("zz").has_value());
  EXPECT_FALSE(hex_decode("0x").has_value());
}

TEST(ConstantTimeEquals, ComparesContentAndLength) {
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_TRUE(constant_time_equals("secret", "secret"));
  EXPECT_FALSE(constant_time_equals("secret", "secreT"));
  EXPECT_FALSE(constant_time_equals("secret", "secret!"));
  EXPECT_FALSE(constant_time_equals("Secret", "secret"));
}

}  // namespace
}  // namespace sp::security
