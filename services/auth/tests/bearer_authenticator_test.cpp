// Specification of the authenticator other services use: access JWTs and API keys become
// Principals; anything else is refused as unauthenticated.
#include "handlers/bearer_authenticator.hpp"

#include <gtest/gtest.h>

#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

using testing::AuthHarness;

class BearerAuthenticatorTest : public ::testing::Test {
 protected:
  Result<http::Principal> authenticate(std::string_view header) {
    return h_.runtime().authenticator().authenticate(header);
  }
  AuthHarness h_;
};

TEST_F(BearerAuthenticatorTest, AccessTokenGivesTheUserAndScopes) {
  const SignedIn ada = h_.sign_up("ada");
  auto principal = authenticate("Bearer " + ada.access.token);
  ASSERT_TRUE(principal.ok()) << principal.error().internal;
  EXPECT_EQ(principal->user_id, ada.user.id);
  EXPECT_EQ(principal->scopes, ada.user.scopes);
  EXPECT_EQ(principal->token_id, ada.access.jti);
  EXPECT_FALSE(principal->via_api_key);
  EXPECT_TRUE(authenticate("bearer " + ada.access.token).ok());  // the scheme is case-blind
}

TEST_F(BearerAuthenticatorTest, ApiKeyGivesTheOwnerAndTheKeysScopes) {
  const SignedIn ada = h_.sign_up("ada");
  auto key = h_.flows().api_keys.create(
      ada.user.id, {.name = "ci", .scopes = {"media:write"}, .expires_at_ms = {}},
      AuthHarness::client());
  ASSERT_TRUE(key.ok());
  auto principal = authenticate("Bearer " + key->secret);
  ASSERT_TRUE(principal.ok());
  EXPECT_EQ(principal->user_id, ada.user.id);
  EXPECT_EQ(principal->scopes, std::vector<std::string>{"media:write"});
  EXPECT_EQ(principal->token_id, std::to_string(key->key.id));
  EXPECT_TRUE(principal->via_api_key);
}

TEST_F(BearerAuthenticatorTest, RefreshTokenIsNotAnAccessToken) {
  const SignedIn ada = h_.sign_up("ada");
  EXPECT_EQ(authenticate("Bearer " + ada.refresh.token).error().code, ErrorCode::kUnauthenticated);
}

TEST_F(BearerAuthenticatorTest, MalformedHeadersAreUnauthenticated) {
  const SignedIn ada = h_.sign_up("ada");
  for (const std::string& header :
       {std::string(""), std::string("Bearer"), std::string("Bearer "), "Basic " + ada.access.token,
        ada.access.token, std::string("Bearer not.a.jwt"),
        std::string("Bearer sp_00000000_") + std::string(43, 'A')}) {
    auto principal = authenticate(header);
    ASSERT_FALSE(principal.ok()) << header;
    EXPECT_EQ(principal.error().code, ErrorCode::kUnauthenticated) << header;
  }
}

}  // namespace
}  // namespace sp::auth
