// Specification of forgotten-password reset: the token travels only in the event, is single-use,
// expires after 30 minutes, and a reset ends every session.
#include "logic/password_reset.hpp"

#include <gtest/gtest.h>

#include "logic/auth_events.hpp"
#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

using namespace std::chrono_literals;
using testing::AuthHarness;
using testing::kPassword;

constexpr std::string_view kNewPassword = "an entirely new passphrase";

class PasswordResetTest : public ::testing::Test {
 protected:
  PasswordReset& reset() { return h_.flows().password_reset; }
  std::string request_token(const std::string& email = "ada@example.com") {
    EXPECT_TRUE(reset().request(email, AuthHarness::client()).ok());
    return h_.last_event_field(kPasswordResetRequestedTopic, "resetToken");
  }
  Status complete(const std::string& token, std::string_view password = kNewPassword) {
    return reset().complete(token, password, AuthHarness::client());
  }

  AuthHarness h_;
};

TEST_F(PasswordResetTest, RequestPublishesATokenForAKnownEmail) {
  const SignedIn ada = h_.sign_up("ada");
  const std::string token = request_token();
  EXPECT_EQ(token.size(), 43u);
  auto events = h_.events(kPasswordResetRequestedTopic);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].key, std::to_string(ada.user.id));
  EXPECT_EQ(h_.last_event_field(kPasswordResetRequestedTopic, "email"), "ada@example.com");
}

TEST_F(PasswordResetTest, RequestForAnUnknownEmailLooksTheSameButSendsNothing) {
  EXPECT_TRUE(reset().request("nobody@example.com", AuthHarness::client()).ok());
  EXPECT_TRUE(h_.events(kPasswordResetRequestedTopic).empty());
}

TEST_F(PasswordResetTest, ResetSetsThePasswordAndEndsEverySession) {
  const SignedIn ada = h_.sign_up("ada");
  ASSERT_TRUE(complete(request_token()).ok());
  EXPECT_FALSE(h_.flows().sessions.rotate(ada.refresh.token, AuthHarness::client()).ok());
  EXPECT_FALSE(
      h_.flows().login.log_in({"ada", std::string(kPassword)}, AuthHarness::client()).ok());
  EXPECT_TRUE(
      h_.flows().login.log_in({"ada", std::string(kNewPassword)}, AuthHarness::client()).ok());
}

TEST_F(PasswordResetTest, TokenIsSingleUse) {
  h_.sign_up("ada");
  const std::string token = request_token();
  ASSERT_TRUE(complete(token).ok());
  Status again = complete(token, "yet another passphrase");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kGone);
}

TEST_F(PasswordResetTest, TokenExpiresAfterThirtyMinutes) {
  h_.sign_up("ada");
  const std::string token = request_token();
  h_.clock().advance(30min);
  EXPECT_EQ(complete(token).error().code, ErrorCode::kGone);
}

TEST_F(PasswordResetTest, TokenWorksJustBeforeExpiry) {
  h_.sign_up("ada");
  const std::string token = request_token();
  h_.clock().advance(30min - 1s);
  EXPECT_TRUE(complete(token).ok());
}

TEST_F(PasswordResetTest, AResetVoidsTheOtherOutstandingTokens) {
  h_.sign_up("ada");
  const std::string first = request_token();
  const std::string second = request_token();
  ASSERT_TRUE(complete(second).ok());
  EXPECT_EQ(complete(first).error().code, ErrorCode::kGone);
}

TEST_F(PasswordResetTest, UnknownTokenIsGone) {
  h_.sign_up("ada");
  EXPECT_EQ(complete("made-up").error().code, ErrorCode::kGone);
}

TEST_F(PasswordResetTest, NewPasswordMustPassThePolicy) {
  h_.sign_up("ada");
  const std::string token = request_token();
  Status weak = complete(token, "password1");
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(complete(token).ok());  // a refused password does not use up the token
}

TEST_F(PasswordResetTest, ResetClearsTheLoginLock) {
  h_.sign_up("ada");
  for (int i = 0; i < 100; ++i) {
    h_.clock().advance(16min);
    ASSERT_FALSE(
        h_.flows()
            .login.log_in({"ada", "wrong"}, AuthHarness::client("10.1.0." + std::to_string(i)))
            .ok());
  }
  ASSERT_EQ(
      h_.flows().login.log_in({"ada", std::string(kPassword)}, AuthHarness::client()).error().code,
      ErrorCode::kRateLimited);
  ASSERT_TRUE(complete(request_token()).ok());
  EXPECT_TRUE(
      h_.flows().login.log_in({"ada", std::string(kNewPassword)}, AuthHarness::client()).ok());
}

TEST_F(PasswordResetTest, AtMostThreeLiveTokensPerAccount) {
  h_.sign_up("ada");
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(reset().request("ada@example.com", AuthHarness::client()).ok());
  EXPECT_EQ(h_.events(kPasswordResetRequestedTopic).size(), 3u);
  h_.clock().advance(31min);
  ASSERT_TRUE(reset().request("ada@example.com", AuthHarness::client()).ok());
  EXPECT_EQ(h_.events(kPasswordResetRequestedTopic).size(), 4u);
}

}  // namespace
}  // namespace sp::auth
