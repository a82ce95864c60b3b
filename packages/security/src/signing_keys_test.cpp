#include "strangeprompt/security/signing_keys.hpp"

#include <gtest/gtest.h>

#include "strangeprompt/security/encoding.hpp"
#include "strangeprompt/security/jwks_key_resolver.hpp"

namespace sp::security {
namespace {

constexpr int64_t kNow = 1'750'000'000;
using std::chrono::hours;

TEST(SigningKeySet, StartsWithOneCurrentKeyThatNeverExpires) {
  const auto keys = SigningKeySet::create(kNow);
  ASSERT_EQ(keys.keys().size(), 1u);
  EXPECT_EQ(keys.current().public_key.size(), 32u);
  EXPECT_EQ(keys.current().secret_key.size(), 64u);
  EXPECT_EQ(keys.current().created_at, kNow);
  EXPECT_EQ(keys.current().not_after, KeyPair::kNoExpiry);
  EXPECT_FALSE(keys.current().kid.empty());
}

TEST(SigningKeySet, RotateMakesANewKidAndRetiresTheOldKeyAfterTheGrace) {
  auto keys = SigningKeySet::create(kNow);
  const std::string old_kid = keys.current().kid;
  keys.rotate(kNow + 10, hours(1));
  EXPECT_NE(keys.current().kid, old_kid);
  ASSERT_EQ(keys.keys().size(), 2u);
  EXPECT_EQ(keys.keys()[1].kid, old_kid);
  EXPECT_EQ(keys.keys()[1].not_after, kNow + 10 + 3600);
  EXPECT_NE(keys.find(old_kid, kNow + 10 + 3599), nullptr);
  EXPECT_EQ(keys.find(old_kid, kNow + 10 + 3600), nullptr);
}

TEST(SigningKeySet, FindReturnsNullForAnUnknownKid) {
  EXPECT_EQ(SigningKeySet::create(kNow).find("unknown", kNow), nullptr);
}

TEST(SigningKeySet, PruneNeverDropsTheCurrentKey) {
  auto keys = SigningKeySet::create(kNow);
  keys.rotate(kNow, hours(1));
  keys.prune(kNow + 7200);
  ASSERT_EQ(keys.keys().size(), 1u);
  EXPECT_NE(keys.find(keys.current().kid, kNow + 7200), nullptr);
}

TEST(SigningKeySet, JsonRoundTripKeepsEveryKey) {
  auto keys = SigningKeySet::create(kNow);
  keys.rotate(kNow + 5, hours(1));
  const auto restored = SigningKeySet::from_json(keys.to_json());
  ASSERT_TRUE(restored.ok()) << restored.error().internal;
  ASSERT_EQ(restored->keys().size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const KeyPair& a = keys.keys()[i];
    const KeyPair& b = restored->keys()[i];
    EXPECT_EQ(a.kid, b.kid);
    EXPECT_EQ(a.public_key, b.public_key);
    EXPECT_EQ(a.secret_key, b.secret_key);
    EXPECT_EQ(a.created_at, b.created_at);
    EXPECT_EQ(a.not_after, b.not_after);
  }
}

TEST(SigningKeySet, FromJsonRejectsDamagedDocuments) {
  const auto a = SigningKeySet::create(kNow);
  const auto b = SigningKeySet::create(kNow);
  const std::string good = a.to_json();
  auto replaced = [&](std::string text, const std::string& from, const std::string& to) {
    return text.replace(text.find(from), from.size(), to);
  };
  const auto open = good.find('[');
  const auto close = good.rfind(']');
  const std::string entry = good.substr(open + 1, close - open - 1);
  const std::string duplicated_key =
      good.substr(0, open + 1) + entry + "," + entry + good.substr(close);  // same kid twice
  const std::string other_public = base64url_encode(b.current().public_key);
  const std::string own_public = base64url_encode(a.current().public_key);
  const std::string damaged[] = {
      "",
      "[]",
      R"({"version":1,"keys":[]})",
      replaced(good, R"("version":1)", R"("version":2)"),
      replaced(good, own_public, other_public),  // public half does not match the secret
      replaced(good, own_public, own_public + "A"),
      duplicated_key,
  };
  for (const auto& text : damaged) {
    const auto parsed = SigningKeySet::from_json(text);
    EXPECT_FALSE(parsed.ok()) << text;
  }
}

TEST(SigningKeySet, JwksPublishesOnlyPublicKeysOfUsableKeys) {
  auto keys = SigningKeySet::create(kNow);
  const KeyPair first = keys.current();
  keys.rotate(kNow, hours(1));
  const std::string during_grace = keys.jwks_json(kNow + 10);
  EXPECT_EQ(during_grace.find("secret"), std::string::npos);
  EXPECT_EQ(during_grace.find(base64url_encode(first.secret_key)), std::string::npos);
  EXPECT_NE(during_grace.find(R"("kty":"OKP","crv":"Ed25519")"), std::string::npos);
  EXPECT_NE(during_grace.find(R"("use":"sig","alg":"EdDSA")"), std::string::npos);

  const auto published = parse_jwks(during_grace);
  ASSERT_TRUE(published.ok());
  EXPECT_EQ(published->size(), 2u);
  EXPECT_EQ(published->at(first.kid), first.public_key);
  const auto after_grace = parse_jwks(keys.jwks_json(kNow + 3600));
  ASSERT_TRUE(after_grace.ok());
  EXPECT_EQ(after_grace->size(), 1u);
  EXPECT_EQ(after_grace->count(first.kid), 0u);
}

}  // namespace
}  // namespace sp::security
