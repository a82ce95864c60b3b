#include "strangeprompt/security/api_key.hpp"

#include <gtest/gtest.h>

#include "strangeprompt/security/digest.hpp"

namespace sp::security {
namespace {

TEST(ApiKey, GeneratedKeysHaveTheDocumentedShape) {
  const NewApiKey created = generate_api_key();
  EXPECT_EQ(created.key.size(), kApiKeyChars);
  EXPECT_TRUE(created.key.starts_with(created.visible_prefix + "_"));
  EXPECT_EQ(created.visible_prefix.size(), 3u + kApiKeyPrefixChars);
  EXPECT_EQ(created.hash, sha256_hex(created.key));
  const auto parts = parse_api_key(created.key);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ("sp_" + parts->prefix, created.visible_prefix);
  EXPECT_EQ(parts->secret.size(), kApiKeySecretChars);
}

TEST(ApiKey, EveryKeyIsDifferent) {
  const NewApiKey a = generate_api_key();
  const NewApiKey b = generate_api_key();
  EXPECT_NE(a.key, b.key);
  EXPECT_NE(a.hash, b.hash);
}

TEST(ApiKey, ParseAcceptsUnderscoresAndDashesInTheSecret) {
  const std::string key = "sp_0123abcd_" + std::string(42, '_') + "A";
  const auto parts = parse_api_key(key);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->prefix, "0123abcd");
  EXPECT_EQ(api_key_visible_prefix(key), "sp_0123abcd");
}

TEST(ApiKey, ParseRejectsMalformedKeys) {
  const std::string secret = std::string(42, 'A') + "A";
  const std::string bad[] = {
      "",
      "sp_0123abcd_" + secret.substr(1),            // secret too short
      "sp_0123abcd_" + secret + "A",                // secret too long
      "sk_0123abcd_" + secret,                      // other scheme
      "SP_0123abcd_" + secret,                      // scheme is case-sensitive
      "sp_0123ABCD_" + secret,                      // prefix must be lowercase hex
      "sp_0123abcg_" + secret,                      // prefix not hex
      "sp_0123abcd-" + secret,                      // wrong separator
      "sp_0123abcd_" + std::string(42, 'A') + "B",  // non-canonical last character
      "sp_0123abcd_" + std::string(42, 'A') + "+",  // standard base64 alphabet
      " sp_0123abcd_" + secret.substr(1),           // whitespace
  };
  for (const auto& key : bad) {
    EXPECT_FALSE(parse_api_key(key).has_value()) << key;
    EXPECT_FALSE(api_key_visible_prefix(key).has_value()) << key;
  }
}

TEST(ApiKey, HashIsStableHexSha256) {
  EXPECT_EQ(api_key_hash("sp_x"), api_key_hash("sp_x"));
  EXPECT_EQ(api_key_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace sp::security
