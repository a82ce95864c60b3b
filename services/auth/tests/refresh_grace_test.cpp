// The refresh-token reuse grace window, on every backend: a rotated token presented again within
// auth.refresh_reuse_grace_ms answers the same successor while that successor is unused; later,
// or once the successor was itself rotated, it is reuse and revokes the family.
#include <gtest/gtest.h>

#include "logic/refresh_families.hpp"
#include "strangeprompt/db/testing/postgres.hpp"
#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

using namespace std::chrono_literals;
using testing::AuthHarness;

class RefreshGrace : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (auto reason = db::testing::backend_unavailable_reason(GetParam())) GTEST_SKIP() << *reason;
  }
  void start(int64_t grace_ms = 10'000) {
    AuthSettings settings = testing::test_settings();
    settings.refresh_reuse_grace_ms = grace_ms;
    h_ = std::make_unique<AuthHarness>(GetParam(), settings);
  }
  Result<Rotation> rotate(const std::string& token) {
    return h_->flows().sessions.rotate(token, AuthHarness::client());
  }
  std::optional<RefreshFamily> family_of_hash(const std::string& token) {
    auto family = h_->store().find_family_by_token(refresh_token_hash(token));
    EXPECT_TRUE(family.ok());
    return family.ok() ? *family : std::nullopt;
  }
  void expect_revoked_for_reuse(const std::string& token) {
    auto family = family_of_hash(token);
    ASSERT_TRUE(family.has_value());
    EXPECT_TRUE(family->revoked_at_ms.has_value());
    EXPECT_EQ(family->revoke_reason, "reuse");
  }
  AuditEntry last_audit(int64_t user_id) {
    auto entries = h_->store().audit_of_user(user_id, 1);
    EXPECT_TRUE(entries.ok() && !entries->empty());
    return entries.ok() && !entries->empty() ? entries->front() : AuditEntry{};
  }

  std::unique_ptr<AuthHarness> h_;
};

TEST_P(RefreshGrace, WithinTheGraceTheOldTokenAnswersTheSameSuccessor) {
  start();
  const SignedIn ada = h_->sign_up("ada");
  auto rotated = rotate(ada.refresh.token);
  ASSERT_TRUE(rotated.ok()) << rotated.error().message;

  h_->clock().advance(9999ms);
  auto again = rotate(ada.refresh.token);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->next.token, rotated->next.token);
  EXPECT_EQ(again->next.family_id, ada.refresh.family_id);
  EXPECT_EQ(again->next.expires_at_ms, rotated->next.expires_at_ms);
  EXPECT_EQ(again->user.id, ada.user.id);
  const AuditEntry audit = last_audit(ada.user.id);
  EXPECT_EQ(audit.action, "refresh");
  EXPECT_EQ(audit.outcome, "success");
  EXPECT_EQ(audit.detail, "grace");

  // The family is live and the successor still rotates (once).
  auto family = family_of_hash(ada.refresh.token);
  ASSERT_TRUE(family.has_value());
  EXPECT_FALSE(family->revoked_at_ms.has_value());
  EXPECT_EQ(h_->flows().sessions.sessions_of(ada.user.id)->size(), 1u);
  auto next = rotate(rotated->next.token);
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_NE(next->next.token, rotated->next.token);
}

TEST_P(RefreshGrace, AfterTheGraceTheOldTokenRevokesTheFamily) {
  start();
  const SignedIn ada = h_->sign_up("ada");
  auto rotated = rotate(ada.refresh.token);
  ASSERT_TRUE(rotated.ok()) << rotated.error().message;

  h_->clock().advance(10s);
  auto replay = rotate(ada.refresh.token);
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::kUnauthenticated);
  expect_revoked_for_reuse(ada.refresh.token);
  EXPECT_FALSE(rotate(rotated->next.token).ok()) << "the successor dies with the family";
  EXPECT_TRUE(h_->flows().sessions.sessions_of(ada.user.id)->empty());
}

TEST_P(RefreshGrace, OnceTheSuccessorWasRotatedTheOldTokenRevokesEvenWithinTheGrace) {
  start();
  const SignedIn ada = h_->sign_up("ada");
  auto rotated = rotate(ada.refresh.token);
  ASSERT_TRUE(rotated.ok()) << rotated.error().message;
  h_->clock().advance(1s);
  auto second = rotate(rotated->next.token);
  ASSERT_TRUE(second.ok()) << second.error().message;

  h_->clock().advance(1s);
  auto replay = rotate(ada.refresh.token);
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::kUnauthenticated);
  expect_revoked_for_reuse(ada.refresh.token);
  EXPECT_FALSE(rotate(second->next.token).ok()) << "the newest token dies with the family";
}

TEST_P(RefreshGrace, TheGraceNeverRevivesAnEndedSession) {
  start();
  const SignedIn ada = h_->sign_up("ada");
  auto rotated = rotate(ada.refresh.token);
  ASSERT_TRUE(rotated.ok()) << rotated.error().message;
  ASSERT_TRUE(h_->flows().sessions.end(rotated->next.token, AuthHarness::client()).ok());

  auto replay = rotate(ada.refresh.token);
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::kUnauthenticated);
  auto family = family_of_hash(ada.refresh.token);
  ASSERT_TRUE(family.has_value());
  EXPECT_EQ(family->revoke_reason, "logout");
}

TEST_P(RefreshGrace, WithTheGraceOffTheOldTokenRevokesAtOnce) {
  start(/*grace_ms=*/0);
  const SignedIn ada = h_->sign_up("ada");
  auto rotated = rotate(ada.refresh.token);
  ASSERT_TRUE(rotated.ok()) << rotated.error().message;

  auto replay = rotate(ada.refresh.token);
  ASSERT_FALSE(replay.ok());
  expect_revoked_for_reuse(ada.refresh.token);
  EXPECT_FALSE(rotate(rotated->next.token).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, RefreshGrace, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace sp::auth
