#include "strangeprompt/security/digest.hpp"

#include <gtest/gtest.h>

#include "strangeprompt/security/encoding.hpp"
#include "strangeprompt/security/random.hpp"

namespace sp::security {
namespace {

TEST(Sha256, MatchesFips180Vectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256("abc").size(), 32u);
}

TEST(Sha256Stream, PiecesHashLikeTheWhole) {
  std::string data;
  for (int i = 0; i < 100'000; ++i) data.push_back(static_cast<char>(i * 7));
  Sha256Stream stream;
  for (std::size_t at = 0; at < data.size(); at += 4097) {
    stream.update(std::string_view(data).substr(at, 4097));
  }
  EXPECT_EQ(stream.finish_hex(), sha256_hex(data));
  Sha256Stream empty;
  EXPECT_EQ(empty.finish_hex(), sha256_hex(""));
}

TEST(HmacSha256, MatchesRfc4231TestCases) {
  // Test case 2: a short key.
  EXPECT_EQ(hex_encode(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a 131-byte key, longer than the block size.
  EXPECT_EQ(hex_encode(hmac_sha256(std::string(131, '\xaa'),
                                   "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Random, BytesHaveTheRequestedLengthAndDiffer) {
  EXPECT_EQ(random_bytes(0).size(), 0u);
  EXPECT_EQ(random_bytes(17).size(), 17u);
  EXPECT_NE(random_bytes(32), random_bytes(32));
}

TEST(Random, TokenIsCanonicalBase64UrlOfTheRequestedBytes) {
  const std::string token = random_token(32);
  EXPECT_EQ(token.size(), 43u);
  const auto bytes = base64url_decode(token);
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(bytes->size(), 32u);
}

}  // namespace
}  // namespace sp::security
