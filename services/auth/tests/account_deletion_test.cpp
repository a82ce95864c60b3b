// POST /v1/auth/account/delete: password checked, every session and key revoked, log-in refused,
// user.deleted published once, the email released and the handle kept.
#include <gtest/gtest.h>

#include "logic/account_deletion.hpp"
#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

using http::Method;
using testing::AuthHarness;
using testing::json_request;
using testing::with_bearer;

http::Request delete_request(const SignedIn& who, std::string_view password) {
  return with_bearer(json_request(Method::kPost, "/v1/auth/account/delete",
                                  R"({"currentPassword":")" + std::string(password) + "\"}"),
                     who.access.token);
}

TEST(AccountDeletion, WrongPasswordIs400AndDeletesNothing) {
  AuthHarness auth;
  const SignedIn ada = auth.sign_up("ada");
  http::Response r = auth.send(delete_request(ada, "not the password"));
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("currentPassword"), std::string::npos);
  EXPECT_TRUE(auth.events("user.deleted").empty());
  EXPECT_TRUE(auth.flows()
                  .login
                  .log_in({.login = "ada", .password = std::string(testing::kPassword)},
                          AuthHarness::client())
                  .ok());
}

TEST(AccountDeletion, EndsEverySessionRevokesKeysAndPublishesUserDeleted) {
  AuthHarness auth;
  const SignedIn ada = auth.sign_up("ada");
  const SignedIn again = *auth.flows().login.log_in(
      {.login = "ada", .password = std::string(testing::kPassword)}, AuthHarness::client());
  auto key = auth.flows().api_keys.create(
      ada.user.id, {.name = "ci", .scopes = {"gallery:write"}, .expires_at_ms = std::nullopt},
      AuthHarness::client());
  ASSERT_TRUE(key.ok());
  http::Response r = auth.send(delete_request(ada, testing::kPassword));
  ASSERT_EQ(r.status, 204) << r.body;
  auto deleted = auth.events("user.deleted");
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(deleted[0].key, id_to_string(ada.user.id));
  EXPECT_EQ(auth.last_event_field("user.session_ended", "reason"), "account_deleted");
  // Both sessions and the key are dead.
  EXPECT_EQ(auth.send(with_bearer(json_request(Method::kGet, "/v1/auth/sessions", ""),
                                  again.access.token))
                .status,
            401);
  EXPECT_FALSE(auth.flows().api_keys.authenticate(key->secret).ok());
  // Log-in fails by handle and by email; a second deletion finds no live session.
  for (const char* login : {"ada", "ada@example.com"}) {
    EXPECT_FALSE(auth.flows()
                     .login
                     .log_in({.login = login, .password = std::string(testing::kPassword)},
                             AuthHarness::client())
                     .ok())
        << login;
  }
  EXPECT_EQ(auth.send(delete_request(ada, testing::kPassword)).status, 401);
  EXPECT_EQ(auth.events("user.deleted").size(), 1u);
}

TEST(AccountDeletion, TheEmailIsReleasedAndTheHandleKept) {
  AuthHarness auth;
  const SignedIn ada = auth.sign_up("ada");
  ASSERT_EQ(auth.send(delete_request(ada, testing::kPassword)).status, 204);
  auto same_handle = auth.send(json_request(
      Method::kPost, "/v1/auth/signup",
      R"({"email":"new@example.com","handle":"ada","password":"a long enough passphrase"})"));
  EXPECT_EQ(same_handle.status, 409) << same_handle.body;
  auto same_email = auth.send(json_request(
      Method::kPost, "/v1/auth/signup",
      R"({"email":"ada@example.com","handle":"ada_two","password":"a long enough passphrase"})"));
  EXPECT_EQ(same_email.status, 201) << same_email.body;
}

TEST(AccountDeletion, ApiKeysCannotDeleteTheAccount) {
  AuthHarness auth;
  const SignedIn ada = auth.sign_up("ada");
  auto key = auth.flows().api_keys.create(
      ada.user.id, {.name = "ci", .scopes = {"gallery:write"}, .expires_at_ms = std::nullopt},
      AuthHarness::client());
  ASSERT_TRUE(key.ok());
  http::Request request =
      with_bearer(json_request(Method::kPost, "/v1/auth/account/delete",
                               R"({"currentPassword":")" + std::string(testing::kPassword) + "\"}"),
                  key->secret);
  EXPECT_EQ(auth.send(request).status, 403);
  EXPECT_TRUE(auth.events("user.deleted").empty());
}

}  // namespace
}  // namespace sp::auth
