// The one token -> principal conversion.
#include "strangeprompt/service/principal.hpp"

#include <gtest/gtest.h>

#include "strangeprompt/security/token_verifier.hpp"

namespace sp::service {
namespace {

security::VerifiedToken token(std::string sub, std::string sid) {
  security::VerifiedToken t;
  t.sub = std::move(sub);
  t.sid = std::move(sid);
  t.scopes = {"gallery:write"};
  t.jti = "j1";
  return t;
}

TEST(PrincipalFrom, CarriesUserScopesTokenIdAndSession) {
  auto p = principal_from(token("42", "7"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->user_id, 42);
  EXPECT_EQ(p->session_id, 7);
  EXPECT_EQ(p->token_id, "j1");
  EXPECT_EQ(p->scopes, (std::vector<std::string>{"gallery:write"}));
  EXPECT_FALSE(p->via_api_key);
}

TEST(PrincipalFrom, ATokenWithoutSidHasNoSession) {
  auto p = principal_from(token("42", ""));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->session_id, 0);
}

TEST(PrincipalFrom, RefusesSubjectsAndSessionsThatAreNotIds) {
  for (const auto& [sub, sid] : std::vector<std::pair<std::string, std::string>>{
           {"ada", "7"}, {"42", "seven"}, {"-1", "7"}, {"42", "7x"}}) {
    auto p = principal_from(token(sub, sid));
    ASSERT_FALSE(p.ok()) << sub << " " << sid;
    EXPECT_EQ(p.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(p.error().message, "invalid token");
  }
}

}  // namespace
}  // namespace sp::service
