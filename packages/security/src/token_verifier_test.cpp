#include "strangeprompt/security/token_verifier.hpp"

#include <gtest/gtest.h>

#include "jws.hpp"
#include "strangeprompt/security/encoding.hpp"
#include "token_test_support.hpp"

namespace sp::security {
namespace {

using namespace testing;  // NOLINT: the fixtures of this package's token tests

std::string decoded_segment(const std::string& token, int index) {
  const auto parts = detail::split_compact(token);
  const std::string_view segment = index == 0   ? parts->header
                                   : index == 1 ? parts->payload
                                                : parts->signature;
  return base64url_decode(segment).value_or("");
}

TEST(TokenIssuer, WritesThePinnedHeader) {
  TokenWorld world;
  const std::string token = world.issue();
  EXPECT_EQ(decoded_segment(token, 0),
            R"({"alg":"EdDSA","typ":"at+jwt","kid":")" + world.current_key().kid + R"("})");
}

TEST(TokenIssuer, WritesEveryRegisteredClaim) {
  TokenWorld world;
  const auto issued = world.issuer.issue(standard_access_claims());
  ASSERT_TRUE(issued.ok());
  const std::string now = std::to_string(world.now());
  const std::string exp = std::to_string(world.now() + 900);
  EXPECT_EQ(decoded_segment(issued->token, 1),
            R"({"iss":"https://auth.strangeprompt.test","aud":"strangeprompt-api","sub":"4242",)"
            R"("scope":"gallery:write profile:write","jti":")" +
                issued->jti + R"(","iat":)" + now + R"(,"exp":)" + exp + "}");
  EXPECT_EQ(issued->expires_at, world.now() + 900);
}

TEST(TokenIssuer, GivesEveryTokenAFreshJti) {
  TokenWorld world;
  const auto a = world.issuer.issue(standard_access_claims());
  const auto b = world.issuer.issue(standard_access_claims());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->jti, b->jti);
}

TEST(TokenIssuer, RefusesInvalidClaims) {
  TokenWorld world;
  auto claims_with = [](auto change) {
    AccessClaims c = standard_access_claims();
    change(c);
    return c;
  };
  const AccessClaims bad[] = {
      claims_with([](AccessClaims& c) { c.sub.clear(); }),
      claims_with([](AccessClaims& c) { c.aud.clear(); }),
      claims_with([](AccessClaims& c) { c.ttl = std::chrono::seconds(0); }),
      claims_with([](AccessClaims& c) { c.scope = "gallery:write  admin"; }),
      claims_with([](AccessClaims& c) { c.scope = "say \"hi\""; }),
      claims_with([](AccessClaims& c) { c.sub = std::string(9000, 'x'); }),
  };
  for (const auto& claims : bad) {
    const auto issued = world.issuer.issue(claims);
    ASSERT_FALSE(issued.ok()) << claims.sub.substr(0, 20) << " " << claims.scope;
    EXPECT_EQ(issued.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(TokenVerifier, AcceptsAnIssuedToken) {
  TokenWorld world;
  const auto issued = world.issuer.issue(standard_access_claims());
  ASSERT_TRUE(issued.ok());
  const auto verified = world.verifier.verify(issued->token);
  ASSERT_TRUE(verified.ok()) << verified.error().internal;
  EXPECT_EQ(verified->sub, "4242");
  EXPECT_EQ(verified->scopes, (std::vector<std::string>{"gallery:write", "profile:write"}));
  EXPECT_EQ(verified->jti, issued->jti);
  EXPECT_EQ(verified->exp, issued->expires_at);
  EXPECT_EQ(verified->kid, world.current_key().kid);
}

TEST(TokenVerifier, CarriesTheSessionIdWhenIssuedWithOne) {
  TokenWorld world;
  AccessClaims claims = standard_access_claims();
  claims.sid = "7001";
  const auto issued = world.issuer.issue(claims);
  ASSERT_TRUE(issued.ok());
  EXPECT_NE(decoded_segment(issued->token, 1).find(R"("sid":"7001")"), std::string::npos);
  const auto verified = world.verifier.verify(issued->token);
  ASSERT_TRUE(verified.ok()) << verified.error().internal;
  EXPECT_EQ(verified->sid, "7001");
  EXPECT_EQ(world.verifier.verify(issued->token)->sid, "7001");  // remembered with its sid
  const auto without_sid = world.verifier.verify(world.issue());
  ASSERT_TRUE(without_sid.ok());
  EXPECT_EQ(without_sid->sid, "");
}

TEST(TokenVerifier, RejectionsAreGenericToTheCallerAndSpecificInTheLog) {
  TokenWorld world;
  const auto verified = world.verifier.verify("not-a-token");
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(verified.error().message, "invalid token");
  EXPECT_EQ(verified.error().internal, "not three dot-separated segments");
}

TEST(TokenVerifier, ExpiryAllowsTheLeewayAndNoMore) {
  TokenWorld world;
  const std::string token = world.issue();  // exp = now + 900
  world.clock.advance(std::chrono::seconds(900 + 59));
  EXPECT_TRUE(world.verifier.verify(token).ok());
  world.clock.advance(std::chrono::seconds(1));
  const auto late = world.verifier.verify(token);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().internal, "expired");
}

TEST(TokenVerifier, NotBeforeAllowsTheLeewayAndNoMore) {
  TokenWorld world;
  const int64_t now = world.now();
  const auto header = standard_header(world.current_key().kid);
  const auto soon = with(standard_claims(now), "nbf", std::to_string(now + 60));
  const auto later = with(standard_claims(now), "nbf", std::to_string(now + 61));
  EXPECT_TRUE(world.verifier.verify(world.sign_standard(header, soon)).ok());
  const auto rejected = world.verifier.verify(world.sign_standard(header, later));
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.error().internal, "not yet valid (nbf)");
}

TEST(TokenVerifier, AudienceMayBeAnArrayContainingOurs) {
  TokenWorld world;
  const auto header = standard_header(world.current_key().kid);
  const auto claims =
      with(standard_claims(world.now()), "aud", R"(["other-api","strangeprompt-api"])");
  EXPECT_TRUE(world.verifier.verify(world.sign_standard(header, claims)).ok());
}

TEST(TokenVerifier, MissingScopeMeansNoScopes) {
  TokenWorld world;
  const auto header = standard_header(world.current_key().kid);
  const auto verified = world.verifier.verify(
      world.sign_standard(header, without(standard_claims(world.now()), "scope")));
  ASSERT_TRUE(verified.ok()) << verified.error().internal;
  EXPECT_TRUE(verified->scopes.empty());
}

struct ClaimsCase {
  const char* name;
  Members claims;
};

TEST(TokenVerifier, RejectsBadClaimsEvenWhenProperlySigned) {
  TokenWorld world;
  const int64_t now = world.now();
  const Members base = standard_claims(now);
  const ClaimsCase cases[] = {
      {"wrong iss", with(base, "iss", json_str("https://evil.test"))},
      {"iss differs in case", with(base, "iss", json_str("https://AUTH.strangeprompt.test"))},
      {"missing iss", without(base, "iss")},
      {"wrong aud", with(base, "aud", json_str("other-api"))},
      {"aud array without ours", with(base, "aud", R"(["a","b"])")},
      {"empty aud array", with(base, "aud", "[]")},
      {"aud not a string", with(base, "aud", "42")},
      {"missing aud", without(base, "aud")},
      {"missing exp", without(base, "exp")},
      {"exp in the past", with(base, "exp", std::to_string(now - 61))},
      {"exp as a string", with(base, "exp", json_str(std::to_string(now + 900)))},
      {"exp fractional", with(base, "exp", std::to_string(now + 900) + ".5")},
      {"exp beyond int64", with(base, "exp", "18446744073709551615")},
      {"nbf not a number", with(base, "nbf", json_str("soon"))},
      {"iat in the future", with(base, "iat", std::to_string(now + 61))},
      {"missing iat", without(base, "iat")},
      {"missing sub", without(base, "sub")},
      {"empty sub", with(base, "sub", json_str(""))},
      {"sub not a string", with(base, "sub", "4242")},
      {"missing jti", without(base, "jti")},
      {"scope not a string", with(base, "scope", R"(["admin"])")},
      {"sid not a string", with(base, "sid", "7001")},
      {"empty sid", with(base, "sid", json_str(""))},
  };
  const auto header = standard_header(world.current_key().kid);
  for (const auto& c : cases) {
    const auto verified = world.verifier.verify(world.sign_standard(header, c.claims));
    EXPECT_FALSE(verified.ok()) << c.name;
  }
}

TEST(TokenVerifier, RejectsPayloadsThatAreNotJsonObjects) {
  TokenWorld world;
  const std::string header = to_json(standard_header(world.current_key().kid));
  const std::string secret = world.current_key().secret_key;
  for (const char* payload : {"[]", "null", "\"sub\"", "{\"sub\":", "{} {}", ""}) {
    const auto verified = world.verifier.verify(detail::sign_compact(header, payload, secret));
    EXPECT_FALSE(verified.ok()) << payload;
  }
}

TEST(TokenVerifier, RejectsTokensOverTheSizeLimitUnread) {
  TokenWorld world;
  const auto header = standard_header(world.current_key().kid);
  const auto claims = with(standard_claims(world.now()), "pad", json_str(std::string(8192, 'p')));
  const auto verified = world.verifier.verify(world.sign_standard(header, claims));
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().internal, "token too large");
}

}  // namespace
}  // namespace sp::security
