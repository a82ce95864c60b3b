#include "strangeprompt/security/jwks_key_resolver.hpp"

#include <gtest/gtest.h>

#include "strangeprompt/security/encoding.hpp"
#include "strangeprompt/security/token_verifier.hpp"
#include "token_test_support.hpp"

namespace sp::security {
namespace {

using std::chrono::seconds;

TEST(ParseJwks, KeepsOnlyEd25519SigningKeys) {
  const std::string x = base64url_encode(std::string(32, '\x07'));
  const std::string doc = R"({"keys":[
    {"kty":"OKP","crv":"Ed25519","x":")" +
                          x + R"(","kid":"good","use":"sig","alg":"EdDSA"},
    {"kty":"OKP","crv":"Ed25519","x":")" +
                          x + R"(","kid":"bare"},
    {"kty":"RSA","n":"AQAB","e":"AQAB","kid":"rsa"},
    {"kty":"OKP","crv":"X25519","x":")" +
                          x + R"(","kid":"ecdh"},
    {"kty":"OKP","crv":"Ed25519","x":")" +
                          x + R"(","kid":"enc","use":"enc"},
    {"kty":"OKP","crv":"Ed25519","x":")" +
                          x + R"(","kid":"hs","alg":"HS256"},
    {"kty":"OKP","crv":"Ed25519","x":"AAAA","kid":"short"},
    {"kty":"OKP","crv":"Ed25519","x":")" +
                          x + R"(="},
    {"kty":"OKP","crv":"Ed25519","x":")" +
                          x + R"("},
    "not an object"]})";
  const auto keys = parse_jwks(doc);
  ASSERT_TRUE(keys.ok()) << keys.error().internal;
  EXPECT_EQ(keys->size(), 2u);
  EXPECT_EQ(keys->count("good"), 1u);
  EXPECT_EQ(keys->count("bare"), 1u);
}

TEST(ParseJwks, RejectsDocumentsWithoutAKeysArray) {
  for (const char* doc : {"", "[]", "{}", R"({"keys":{}})", "{\"keys\":[}"}) {
    EXPECT_FALSE(parse_jwks(doc).ok()) << doc;
  }
}

// A JWKS endpoint backed by a live key ring, counting its calls.
struct JwksEndpoint {
  explicit JwksEndpoint(testing::TokenWorld& w) : world(w) {}
  JwksFetch fetcher() {
    return [this]() -> Result<std::string> {
      ++calls;
      if (down) return Error::unavailable("jwks endpoint down");
      return world.ring.snapshot()->jwks_json(world.now());
    };
  }
  testing::TokenWorld& world;
  int calls = 0;
  bool down = false;
};

class JwksKeyResolverTest : public ::testing::Test {
 protected:
  JwksKeyResolverTest()
      : endpoint_(world_),
        resolver_(endpoint_.fetcher(), world_.clock, {seconds(30), seconds(600)}) {}

  testing::TokenWorld world_;
  JwksEndpoint endpoint_;
  JwksKeyResolver resolver_;
};

TEST_F(JwksKeyResolverTest, FetchesOnFirstUseThenServesFromCache) {
  const std::string kid = world_.current_key().kid;
  EXPECT_EQ(resolver_.find(kid), world_.current_key().public_key);
  EXPECT_EQ(resolver_.find(kid), world_.current_key().public_key);
  EXPECT_EQ(endpoint_.calls, 1);
}

TEST_F(JwksKeyResolverTest, UnknownKidsRefetchAtMostOncePerCooldown) {
  ASSERT_TRUE(resolver_.refresh().ok());
  for (int i = 0; i < 100; ++i)
    EXPECT_FALSE(resolver_.find("made-up-" + std::to_string(i)).has_value());
  EXPECT_EQ(endpoint_.calls, 1);  // the refresh itself started the cooldown

  world_.clock.advance(seconds(30));
  EXPECT_FALSE(resolver_.find("made-up").has_value());
  EXPECT_FALSE(resolver_.find("made-up-again").has_value());
  EXPECT_EQ(endpoint_.calls, 2);
}

TEST_F(JwksKeyResolverTest, FindsAKeyRotatedInAfterTheCooldown) {
  ASSERT_TRUE(resolver_.refresh().ok());
  world_.ring.rotate(world_.now(), std::chrono::hours(1));
  const std::string new_kid = world_.current_key().kid;
  EXPECT_FALSE(resolver_.find(new_kid).has_value());  // within the cooldown of the refresh
  world_.clock.advance(seconds(30));
  EXPECT_EQ(resolver_.find(new_kid), world_.current_key().public_key);
}

TEST_F(JwksKeyResolverTest, AFailedFetchKeepsTheCachedKeys) {
  const std::string kid = world_.current_key().kid;
  ASSERT_TRUE(resolver_.refresh().ok());
  endpoint_.down = true;
  world_.clock.advance(seconds(601));  // stale: a refetch is due and fails
  EXPECT_EQ(resolver_.find(kid), world_.current_key().public_key);
  EXPECT_EQ(endpoint_.calls, 2);
  EXPECT_FALSE(resolver_.refresh().ok());
}

TEST_F(JwksKeyResolverTest, AStaleCacheForgetsKeysRemovedFromTheJwks) {
  world_.ring.rotate(world_.now(), seconds(300));
  const std::string retired = world_.ring.snapshot()->keys()[1].kid;
  EXPECT_TRUE(resolver_.find(retired).has_value());
  world_.clock.advance(seconds(600));
  EXPECT_FALSE(resolver_.find(retired).has_value());
  EXPECT_EQ(endpoint_.calls, 2);
}

TEST_F(JwksKeyResolverTest, VerifiesTokensOfTheAuthService) {
  const TokenVerifier verifier(
      VerifierOptions{std::string(testing::kIssuer), std::string(testing::kAudience)}, resolver_,
      world_.clock);
  const auto verified = verifier.verify(world_.issue());
  ASSERT_TRUE(verified.ok()) << verified.error().internal;
  EXPECT_EQ(verified->sub, "4242");
}

}  // namespace
}  // namespace sp::security
