// No secret ever reaches the log: the whole API is exercised with the log captured, then every
// password, refresh token, reset or verification token, access token and API key used is looked
// for in it.
#include <gtest/gtest.h>

#include <mutex>

#include "strangeprompt/core/log.hpp"
#include "support/auth_harness.hpp"
#include "support/json_view.hpp"

namespace sp::auth {
namespace {

using http::Method;
using testing::json_object;
using testing::json_request;
using testing::text_of;
using testing::with_bearer;

class CapturedLog {
 public:
  CapturedLog() {
    previous_level_ = Logger::global().level();
    Logger::global().set_level(LogLevel::kDebug);
    Logger::global().set_sink([this](std::string_view line) {
      std::lock_guard lock(mu_);
      text_ += line;
    });
  }
  ~CapturedLog() {
    Logger::global().set_sink(nullptr);
    Logger::global().set_level(previous_level_);
  }
  std::string text() {
    std::lock_guard lock(mu_);
    return text_;
  }

 private:
  LogLevel previous_level_;
  std::mutex mu_;
  std::string text_;
};

TEST(LogScan, NoSecretFromAFullSessionAppearsInTheLog) {
  CapturedLog log;
  testing::AuthHarness h;
  std::vector<std::string> secrets;
  auto post = [&](const std::string& path, const std::string& body) {
    return h.send(json_request(Method::kPost, path, body));
  };
  const std::string password = "Zq8!unique-password-for-the-log-scan";
  const std::string new_password = "Yw3?another-unique-password-for-the-scan";
  secrets = {password, new_password};

  auto signed_up = json_object(
      post("/v1/auth/signup", R"({"email":"ada@example.com",)"
                              R"("handle":"ada","returnRefreshToken":true,"password":")" +
                                  password + "\"}")
          .body);
  secrets.push_back(text_of(signed_up, "refreshToken"));
  secrets.push_back(text_of(signed_up, "accessToken"));
  // A password typed into the log-in field, then a wrong and a right password.
  post("/v1/auth/login", R"({"login":")" + password + R"(","password":"x"})");
  post("/v1/auth/login", R"({"login":"ada","password":"wrong-)" + password + "\"}");
  auto logged_in = json_object(post("/v1/auth/login", R"({"login":"ada","returnRefreshToken":true,)"
                                                      R"("password":")" +
                                                          password + "\"}")
                                   .body);
  secrets.push_back(text_of(logged_in, "refreshToken"));
  auto refreshed = json_object(
      post("/v1/auth/refresh", R"({"refreshToken":")" + text_of(logged_in, "refreshToken") + "\"}")
          .body);
  secrets.push_back(text_of(refreshed, "refreshToken"));
  secrets.push_back(text_of(refreshed, "accessToken"));
  // Reuse of a rotated token after the reuse grace (family revocation is logged).
  h.clock().advance(std::chrono::seconds(10));
  post("/v1/auth/refresh", R"({"refreshToken":")" + text_of(logged_in, "refreshToken") + "\"}");

  const std::string access = text_of(signed_up, "accessToken");
  auto key = json_object(h.send(with_bearer(json_request(Method::kPost, "/v1/auth/api-keys",
                                                         R"({"name":"scan","scopes":[]})"),
                                            access))
                             .body);
  secrets.push_back(text_of(key, "key"));
  h.send(with_bearer(json_request(Method::kGet, "/v1/auth/sessions", ""), text_of(key, "key")));
  h.send(with_bearer(json_request(Method::kGet, "/v1/auth/sessions", ""), "sp_bogus_" + password));

  post("/v1/auth/password/forgot", R"({"email":"ada@example.com"})");
  const std::string reset_token = h.last_event_field("user.password_reset_requested", "resetToken");
  secrets.push_back(reset_token);
  secrets.push_back(h.last_event_field("user.signup", "verificationToken"));
  post("/v1/auth/password/reset",
       R"({"token":")" + reset_token + R"(","password":")" + new_password + "\"}");
  post("/v1/auth/password/reset",
       R"({"token":")" + reset_token + R"(","password":")" + new_password + "\"}");
  post("/v1/auth/email/verify", R"({"token":")" + secrets.back() + "\"}");

  const std::string captured = log.text();
  ASSERT_NE(captured.find("\"audit\""), std::string::npos) << "the scan saw no audit lines";
  for (const std::string& secret : secrets) {
    ASSERT_GE(secret.size(), 20u) << "a secret went missing from the scenario";
    EXPECT_EQ(captured.find(secret), std::string::npos) << "leaked: " << secret;
  }
}

}  // namespace
}  // namespace sp::auth
