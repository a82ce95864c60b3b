// Specification of refresh-token families: rotation, reuse detection, expiry, session control.
#include "logic/refresh_families.hpp"

#include <gtest/gtest.h>

#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

using namespace std::chrono_literals;
using testing::AuthHarness;

class RefreshFamiliesTest : public ::testing::Test {
 protected:
  RefreshFamilies& families() { return h_.flows().sessions; }
  Result<Rotation> rotate(const std::string& token) {
    return families().rotate(token, AuthHarness::client());
  }
  std::vector<std::string> audit_actions(int64_t user_id) {
    auto entries = h_.store().audit_of_user(user_id, 100);
    std::vector<std::string> actions;
    for (const auto& e : *entries) actions.push_back(e.action);
    return actions;
  }

  AuthHarness h_;
};

TEST_F(RefreshFamiliesTest, RotationIssuesANewTokenInTheSameFamily) {
  const SignedIn ada = h_.sign_up("ada");
  auto rotated = rotate(ada.refresh.token);
  ASSERT_TRUE(rotated.ok()) << rotated.error().message;
  EXPECT_NE(rotated->next.token, ada.refresh.token);
  EXPECT_EQ(rotated->next.family_id, ada.refresh.family_id);
  EXPECT_EQ(rotated->user.id, ada.user.id);
  EXPECT_TRUE(rotate(rotated->next.token).ok());
}

TEST_F(RefreshFamiliesTest, TokensAreStoredOnlyAsHashes) {
  const SignedIn ada = h_.sign_up("ada");
  auto rows = h_.db().query("SELECT token_hash FROM refresh_tokens");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].get_text(0), refresh_token_hash(ada.refresh.token));
  EXPECT_NE((*rows)[0].get_text(0), ada.refresh.token);
}

TEST_F(RefreshFamiliesTest, RefreshReuseRevokesFamily) {
  const SignedIn ada = h_.sign_up("ada");
  auto rotated = rotate(ada.refresh.token);
  ASSERT_TRUE(rotated.ok());

  h_.clock().advance(10s);  // the reuse grace (10 s by default) is over
  auto replay = rotate(ada.refresh.token);
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::kUnauthenticated);
  // The legitimate holder's newer token dies with the family.
  auto next = rotate(rotated->next.token);
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.error().code, ErrorCode::kUnauthenticated);
  auto family = h_.store().find_family_by_token(refresh_token_hash(ada.refresh.token));
  ASSERT_TRUE(family.ok() && *family);
  EXPECT_TRUE((*family)->revoked_at_ms.has_value());
  EXPECT_EQ((*family)->revoke_reason, "reuse");
  EXPECT_EQ(audit_actions(ada.user.id).front(), "refresh");  // the refused newer token
  EXPECT_EQ(audit_actions(ada.user.id)[1], "refresh.reuse_detected");
}

TEST_F(RefreshFamiliesTest, ReuseLeavesOtherSessionsAlone) {
  const SignedIn first = h_.sign_up("ada");
  auto second =
      h_.flows().login.log_in({"ada", std::string(testing::kPassword)}, AuthHarness::client());
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(rotate(first.refresh.token).ok());
  h_.clock().advance(10s);  // past the reuse grace
  ASSERT_FALSE(rotate(first.refresh.token).ok());
  EXPECT_TRUE(rotate(second->refresh.token).ok());
}

TEST_F(RefreshFamiliesTest, UnknownTokenIsRefused) {
  h_.sign_up("ada");
  auto result = rotate("not-a-token");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(result.error().message, "invalid refresh token");
}

TEST_F(RefreshFamiliesTest, IdleExpiryEndsAnUnusedSession) {
  const SignedIn ada = h_.sign_up("ada");
  h_.clock().advance(7 * 24h - 1s);
  auto kept_alive = rotate(ada.refresh.token);
  ASSERT_TRUE(kept_alive.ok());
  h_.clock().advance(7 * 24h);
  auto expired = rotate(kept_alive->next.token);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(RefreshFamiliesTest, AbsoluteExpiryEndsEvenAnActiveSession) {
  const SignedIn ada = h_.sign_up("ada");
  std::string token = ada.refresh.token;
  for (int day = 0; day < 29; ++day) {
    h_.clock().advance(24h);
    auto rotated = rotate(token);
    ASSERT_TRUE(rotated.ok()) << "day " << day;
    token = rotated->next.token;
  }
  h_.clock().advance(24h);
  EXPECT_FALSE(rotate(token).ok());
}

TEST_F(RefreshFamiliesTest, TokenExpiryNeverOutlivesTheFamily) {
  const SignedIn ada = h_.sign_up("ada");
  const int64_t family_end = h_.clock().now_ms() + 30LL * 24 * 3600 * 1000;
  std::string token = ada.refresh.token;
  for (auto day : {6, 12, 18, 24, 29}) {
    h_.clock().set_ms(family_end - (30 - day) * 24LL * 3600 * 1000);
    auto rotated = rotate(token);
    ASSERT_TRUE(rotated.ok()) << "day " << day;
    token = rotated->next.token;
    EXPECT_EQ(rotated->next.expires_at_ms,
              std::min<int64_t>(h_.clock().now_ms() + 7LL * 24 * 3600 * 1000, family_end));
  }
}

TEST_F(RefreshFamiliesTest, LogoutRevokesTheFamily) {
  const SignedIn ada = h_.sign_up("ada");
  ASSERT_TRUE(families().end(ada.refresh.token, AuthHarness::client()).ok());
  EXPECT_FALSE(rotate(ada.refresh.token).ok());
  EXPECT_EQ(audit_actions(ada.user.id).back(), "signup");
  EXPECT_EQ(audit_actions(ada.user.id)[1], "logout");
}

TEST_F(RefreshFamiliesTest, LogoutWithAnUnknownTokenIsANoOp) {
  EXPECT_TRUE(families().end("unknown", AuthHarness::client()).ok());
}

TEST_F(RefreshFamiliesTest, SessionsListsLiveFamiliesNewestFirst) {
  const SignedIn first = h_.sign_up("ada");
  h_.clock().advance(1s);
  auto second = h_.flows().login.log_in({"ada", std::string(testing::kPassword)},
                                        AuthHarness::client("203.0.113.5"));
  ASSERT_TRUE(second.ok());
  auto sessions = families().sessions_of(first.user.id);
  ASSERT_TRUE(sessions.ok());
  ASSERT_EQ(sessions->size(), 2u);
  EXPECT_EQ((*sessions)[0].id, second->refresh.family_id);
  EXPECT_EQ((*sessions)[0].address, "203.0.113.5");
  EXPECT_EQ((*sessions)[0].user_agent, "harness/1.0");
}

TEST_F(RefreshFamiliesTest, EndSessionOnlyEndsTheCallersOwn) {
  const SignedIn ada = h_.sign_up("ada");
  const SignedIn bob = h_.sign_up("bob");
  auto foreign = families().end_session(bob.user.id, ada.refresh.family_id, AuthHarness::client());
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(rotate(ada.refresh.token).ok());
}

TEST_F(RefreshFamiliesTest, EndOtherSessionsKeepsTheCurrentOne) {
  const SignedIn first = h_.sign_up("ada");
  auto second =
      h_.flows().login.log_in({"ada", std::string(testing::kPassword)}, AuthHarness::client());
  ASSERT_TRUE(second.ok());
  auto ended = families().end_other_sessions(first.user.id, second->refresh.family_id,
                                             AuthHarness::client());
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(*ended, 1);
  EXPECT_FALSE(rotate(first.refresh.token).ok());
  EXPECT_TRUE(rotate(second->refresh.token).ok());
}

}  // namespace
}  // namespace sp::auth
