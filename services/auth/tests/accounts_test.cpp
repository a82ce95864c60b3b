// Specification of sign-up, email verification and password change.
#include "logic/accounts.hpp"

#include <gtest/gtest.h>

#include "logic/auth_events.hpp"
#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

using namespace std::chrono_literals;
using testing::AuthHarness;
using testing::kPassword;

class AccountsTest : public ::testing::Test {
 protected:
  Result<SignedIn> sign_up(std::string email, std::string handle, std::string password) {
    return h_.flows().accounts.sign_up({std::move(email), std::move(handle), std::move(password)},
                                       AuthHarness::client());
  }
  std::vector<std::string> fields_of(const Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields) out.push_back(f.field);
    return out;
  }

  AuthHarness h_;
};

TEST_F(AccountsTest, SignUpCreatesANormalisedAccountWithASession) {
  auto ada = sign_up(" Ada@Example.com", "Ada_L", std::string(kPassword));
  ASSERT_TRUE(ada.ok()) << ada.error().message;
  EXPECT_EQ(ada->user.email, "ada@example.com");
  EXPECT_EQ(ada->user.handle, "ada_l");
  EXPECT_FALSE(ada->user.email_verified);
  EXPECT_EQ(ada->user.scopes, h_.runtime().settings().default_scopes);
  EXPECT_FALSE(ada->access.token.empty());
  EXPECT_EQ(h_.flows().sessions.sessions_of(ada->user.id)->size(), 1u);
}

TEST_F(AccountsTest, SignUpStoresAnArgon2idHashNeverThePassword) {
  auto ada = sign_up("ada@example.com", "ada", std::string(kPassword));
  ASSERT_TRUE(ada.ok());
  const std::string hash = (*h_.store().find_user(ada->user.id))->password_hash;
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_EQ(hash.find(kPassword), std::string::npos);
}

TEST_F(AccountsTest, SignUpPublishesUserSignupWithAVerificationToken) {
  auto ada = sign_up("ada@example.com", "ada", std::string(kPassword));
  ASSERT_TRUE(ada.ok());
  auto events = h_.events(kUserSignupTopic);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].key, std::to_string(ada->user.id));
  EXPECT_EQ(h_.last_event_field(kUserSignupTopic, "email"), "ada@example.com");
  EXPECT_EQ(h_.last_event_field(kUserSignupTopic, "verificationToken").size(), 43u);
}

TEST_F(AccountsTest, SignUpReportsEveryInvalidField) {
  auto bad = sign_up("not-an-email", "x", "short");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(fields_of(bad.error()), (std::vector<std::string>{"email", "handle", "password"}));
}

TEST_F(AccountsTest, SignUpRejectsCommonPasswordsAndOwnIdentifiers) {
  EXPECT_EQ(fields_of(sign_up("ada@example.com", "ada", "password123").error()),
            std::vector<std::string>{"password"});
  EXPECT_EQ(fields_of(sign_up("lovelace_1815@example.com", "ada", "lovelace_1815").error()),
            std::vector<std::string>{"password"});
}

TEST_F(AccountsTest, EmailAndHandleAreUniqueCaseInsensitively) {
  ASSERT_TRUE(sign_up("ada@example.com", "ada", std::string(kPassword)).ok());
  auto same_email = sign_up("ADA@example.com", "other", std::string(kPassword));
  auto same_handle = sign_up("other@example.com", "ADA", std::string(kPassword));
  ASSERT_FALSE(same_email.ok());
  ASSERT_FALSE(same_handle.ok());
  EXPECT_EQ(same_email.error().code, ErrorCode::kConflict);
  EXPECT_EQ(fields_of(same_email.error()), std::vector<std::string>{"email"});
  EXPECT_EQ(fields_of(same_handle.error()), std::vector<std::string>{"handle"});
  EXPECT_EQ(h_.events(kUserSignupTopic).size(), 1u);
}

TEST_F(AccountsTest, VerificationTokenVerifiesTheEmailOnce) {
  const SignedIn ada = h_.sign_up("ada");
  const std::string token = h_.last_event_field(kUserSignupTopic, "verificationToken");
  ASSERT_TRUE(h_.flows().accounts.verify_email(token, AuthHarness::client()).ok());
  EXPECT_TRUE((*h_.store().find_user(ada.user.id))->email_verified);
  auto again = h_.flows().accounts.verify_email(token, AuthHarness::client());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kGone);
}

TEST_F(AccountsTest, VerificationTokenExpires) {
  h_.sign_up("ada");
  const std::string token = h_.last_event_field(kUserSignupTopic, "verificationToken");
  h_.clock().advance(72h);
  EXPECT_EQ(h_.flows().accounts.verify_email(token, AuthHarness::client()).error().code,
            ErrorCode::kGone);
}

TEST_F(AccountsTest, PasswordChangeNeedsTheCurrentPasswordAndEndsOtherSessions) {
  const SignedIn first = h_.sign_up("ada");
  auto second = h_.flows().login.log_in({"ada", std::string(kPassword)}, AuthHarness::client());
  ASSERT_TRUE(second.ok());
  auto& accounts = h_.flows().accounts;
  const std::string next = "a brand new passphrase";
  auto wrong = accounts.change_password(first.user.id, "not it at all", next,
                                        second->refresh.family_id, AuthHarness::client());
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidArgument);  // 400, as openapi.yaml says
  ASSERT_TRUE(accounts
                  .change_password(first.user.id, kPassword, next, second->refresh.family_id,
                                   AuthHarness::client())
                  .ok());
  EXPECT_FALSE(h_.flows().sessions.rotate(first.refresh.token, AuthHarness::client()).ok());
  EXPECT_TRUE(h_.flows().sessions.rotate(second->refresh.token, AuthHarness::client()).ok());
  EXPECT_FALSE(
      h_.flows().login.log_in({"ada", std::string(kPassword)}, AuthHarness::client()).ok());
  EXPECT_TRUE(h_.flows().login.log_in({"ada", next}, AuthHarness::client()).ok());
}

TEST_F(AccountsTest, PasswordChangeReportsPolicyViolationsOnNewPassword) {
  const SignedIn ada = h_.sign_up("ada");
  auto weak = h_.flows().accounts.change_password(ada.user.id, kPassword, "short", 0,
                                                  AuthHarness::client());
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(fields_of(weak.error()), std::vector<std::string>{"newPassword"});
}

}  // namespace
}  // namespace sp::auth
