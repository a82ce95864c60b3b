// Specification of password log-in: one generic failure, throttling per account and per address,
// the 100-failure lock, hash upgrades.
#include "logic/password_login.hpp"

#include <gtest/gtest.h>

#include "logic/login_throttle.hpp"
#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

using namespace std::chrono_literals;
using testing::AuthHarness;
using testing::kPassword;

class PasswordLoginTest : public ::testing::Test {
 protected:
  Result<SignedIn> log_in(const std::string& login, std::string_view password,
                          const std::string& address = "192.0.2.10") {
    return h_.flows().login.log_in({login, std::string(password)}, AuthHarness::client(address));
  }

  AuthHarness h_;
};

TEST_F(PasswordLoginTest, LogsInByHandleOrEmailInAnyCase) {
  const SignedIn ada = h_.sign_up("ada");
  for (const char* login : {"ada", "ADA", "ada@example.com", " Ada@Example.com "}) {
    auto result = log_in(login, kPassword);
    ASSERT_TRUE(result.ok()) << login;
    EXPECT_EQ(result->user.id, ada.user.id);
    EXPECT_FALSE(result->access.token.empty());
    EXPECT_EQ(result->access.expires_in_seconds, 600);
    EXPECT_NE(result->refresh.family_id, ada.refresh.family_id);
  }
}

TEST_F(PasswordLoginTest, UnknownUserAndWrongPasswordFailAlike) {
  h_.sign_up("ada");
  auto wrong = log_in("ada", "not the password at all");
  auto unknown = log_in("nobody", "not the password at all");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown.error().code, wrong.error().code);
  EXPECT_EQ(unknown.error().message, wrong.error().message);
}

TEST_F(PasswordLoginTest, FailuresAreAuditedWithoutTheLoginName) {
  const SignedIn ada = h_.sign_up("ada");
  ASSERT_FALSE(log_in("ada", "wrong password here").ok());
  auto audit = h_.store().audit_of_user(ada.user.id, 10);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ((*audit)[0].action, "login");
  EXPECT_EQ((*audit)[0].outcome, "failure");
  EXPECT_EQ((*audit)[0].detail, "wrong_password");
  ASSERT_FALSE(log_in("nobody", "wrong password here").ok());
  auto unknown = h_.db().query("SELECT detail FROM audit_log WHERE user_id IS NULL");
  ASSERT_EQ(unknown->size(), 1u);
  EXPECT_EQ((*unknown)[0].get_text(0), "unknown_login");
}

TEST_F(PasswordLoginTest, EscalatingDelaysAfterFiveFailures) {
  h_.sign_up("ada");
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(log_in("ada", "wrong").error().code, ErrorCode::kUnauthenticated);
  ASSERT_EQ(log_in("ada", "wrong").error().code, ErrorCode::kUnauthenticated);  // 6th: 1 s delay
  auto throttled = log_in("ada", kPassword);
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(throttled.error().retry_after_seconds, 1);
  h_.clock().advance(1s);
  ASSERT_EQ(log_in("ada", "wrong").error().code, ErrorCode::kUnauthenticated);  // 7th: 2 s
  h_.clock().advance(1s);
  EXPECT_EQ(log_in("ada", kPassword).error().retry_after_seconds, 1);
  h_.clock().advance(1s);
  EXPECT_TRUE(log_in("ada", kPassword).ok());
}

TEST_F(PasswordLoginTest, SuccessResetsTheAccountCount) {
  h_.sign_up("ada");
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(log_in("ada", "wrong").ok());
  ASSERT_TRUE(log_in("ada", kPassword).ok());
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(log_in("ada", "wrong").error().code, ErrorCode::kUnauthenticated);
}

TEST_F(PasswordLoginTest, UnknownNamesAreThrottledLikeAccounts) {
  for (int i = 0; i < 6; ++i)
    ASSERT_EQ(log_in("ghost", "wrong").error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(log_in("ghost", "wrong").error().code, ErrorCode::kRateLimited);
}

TEST_F(PasswordLoginTest, OneAddressIsThrottledAcrossAccounts) {
  for (int i = 0; i < 21; ++i) {
    ASSERT_EQ(log_in("user" + std::to_string(i), "wrong").error().code,
              ErrorCode::kUnauthenticated);
  }
  EXPECT_EQ(log_in("someone_else", "wrong").error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(log_in("someone_else", "wrong", "203.0.113.9").error().code,
            ErrorCode::kUnauthenticated);
  h_.clock().advance(1h + 1s);
  EXPECT_EQ(log_in("someone_else", "wrong").error().code, ErrorCode::kUnauthenticated);
}

TEST_F(PasswordLoginTest, AtMostOneHundredConsecutiveFailuresAreEvaluated) {
  h_.sign_up("ada");
  int evaluated = 0;
  for (int attempt = 0; attempt < 130; ++attempt) {
    h_.clock().advance(16min);  // past any delay, and from a fresh address each time
    auto result = log_in("ada", "wrong", "10.0.0." + std::to_string(attempt % 250));
    if (result.error().code == ErrorCode::kUnauthenticated) ++evaluated;
  }
  EXPECT_EQ(evaluated, 100);
  h_.clock().advance(24h);
  auto locked = log_in("ada", kPassword);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::kRateLimited);
}

TEST_F(PasswordLoginTest, AWeakerHashIsUpgradedAtLogin) {
  const SignedIn ada = h_.sign_up("ada");
  AuthSettings stronger = testing::test_settings();
  stronger.argon2_memory_kib = 128;
  const std::string before = (*h_.store().find_user(ada.user.id))->password_hash;
  // A second runtime (node 1, so ids never collide) with the stronger cost, same database.
  auto rt = AuthRuntime::open(h_.db(), h_.clock(), stronger, 1);
  ASSERT_TRUE(rt.ok());
  ASSERT_TRUE(
      (*rt)->flows().login.log_in({"ada", std::string(kPassword)}, AuthHarness::client()).ok());
  const std::string after = (*h_.store().find_user(ada.user.id))->password_hash;
  EXPECT_NE(before, after);
  EXPECT_NE(after.find("m=128"), std::string::npos) << after;
  EXPECT_TRUE(log_in("ada", kPassword).ok());  // the old runtime still verifies the new hash
}

}  // namespace
}  // namespace sp::auth
