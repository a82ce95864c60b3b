// The service as the composition root sees it: configured from nothing but a data directory, it
// migrates, serves /v1/auth, authenticates for other services, rotates keys and relays events.
#include "strangeprompt/auth/auth_service.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/testing/test_client.hpp"
#include "strangeprompt/metrics/metrics.hpp"
#include "support/auth_harness.hpp"
#include "support/json_view.hpp"

namespace sp::auth {
namespace {

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.set("auth.argon2_memory_kib", "64");
    config_.set("auth.argon2_ops", "1");
  }
  void TearDown() override {
    service_.reset();  // before metrics_, which it writes to
  }
  void start() {
    service_ = make_auth_service(
        {.config = config_, .clock = clock_, .data_dir = dir_, .metrics = &metrics_});
    ASSERT_TRUE(service_->start().ok());
    service_->register_routes(router_);
  }
  // Through the server's pipeline, authenticating with the service's own authenticator.
  http::Response send(http::Request request) {
    return http::testing::TestClient(router_, service_->authenticator(), "auth")
        .send(std::move(request));
  }

  sp::testing::TempDir temp_dir_{"sp-auth-svc"};
  std::string dir_ = temp_dir_.string();
  Config config_;
  ManualClock clock_;
  metrics::Metrics metrics_;
  std::unique_ptr<AuthService> service_;
  http::Router router_;
};

TEST_F(AuthServiceTest, BeforeStartItRefusesToAuthenticate) {
  service_ = make_auth_service({.config = config_, .clock = clock_, .data_dir = dir_});
  EXPECT_EQ(service_->authenticator()("Bearer x").error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(service_->jwks_json(), "{\"keys\":[]}");
  EXPECT_FALSE(service_->rotate_signing_key().ok());
}

TEST_F(AuthServiceTest, MigrateIsRepeatable) {
  service_ = make_auth_service({.config = config_, .clock = clock_, .data_dir = dir_});
  auto first = service_->migrate();
  ASSERT_TRUE(first.ok());
  EXPECT_GT(*first, 0);
  EXPECT_EQ(*service_->migrate(), 0);
}

TEST_F(AuthServiceTest, ServesSignupAndAuthenticatesItsTokens) {
  start();
  EXPECT_EQ(service_->name(), "auth");
  http::Response r = send(testing::json_request(
      http::Method::kPost, "/v1/auth/signup",
      R"({"email":"ada@example.com","handle":"ada","password":"correct horse battery staple"})"));
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string token = testing::text_of(testing::json_object(r.body), "accessToken");
  auto principal = service_->authenticator()("Bearer " + token);
  ASSERT_TRUE(principal.ok());
  EXPECT_FALSE(principal->scopes.empty());
  for (const auto& check : service_->readiness()) EXPECT_TRUE(check.check().ok()) << check.name;
  EXPECT_NE(metrics_.render().find(R"(sp_auth_events_total{action="signup",outcome="success"} 1)"),
            std::string::npos)
      << metrics_.render();
}

TEST_F(AuthServiceTest, RotationKeepsEarlierTokensValid) {
  start();
  http::Response r = send(testing::json_request(
      http::Method::kPost, "/v1/auth/signup",
      R"({"email":"ada@example.com","handle":"ada","password":"correct horse battery staple"})"));
  const std::string token = testing::text_of(testing::json_object(r.body), "accessToken");
  const std::string before = service_->jwks_json();
  ASSERT_TRUE(service_->rotate_signing_key().ok());
  EXPECT_NE(service_->jwks_json(), before);
  EXPECT_TRUE(service_->authenticator()("Bearer " + token).ok());
}

TEST_F(AuthServiceTest, TheOutboxRelayDeliversUserSignup) {
  start();
  send(testing::json_request(
      http::Method::kPost, "/v1/auth/signup",
      R"({"email":"ada@example.com","handle":"ada","password":"correct horse battery staple"})"));
  auto log = events::EventLog::open({.backend = "embedded",
                                     .path = dir_ + "/events.db",
                                     .postgres_dsn = {},
                                     .postgres_schema = {},
                                     .clock = nullptr});
  ASSERT_TRUE(log.ok());
  int64_t delivered = 0;
  for (int i = 0; i < 200 && delivered == 0; ++i) {
    delivered = *(*log)->end_offset("user.signup");
    if (delivered == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(delivered, 1);
}

// Defect: a named KEK file that could not be read was ignored, and the keys were stored unsealed.
TEST_F(AuthServiceTest, AnUnreadableKekFileFailsStartBeforeAnyKeyIsStored) {
  config_.set("auth.signing_key_kek_file", dir_ + "/no-such-kek");
  service_ = make_auth_service({.config = config_, .clock = clock_, .data_dir = dir_});
  Status started = service_->start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(started.error().message.find("auth.signing_key_kek_file"), std::string::npos)
      << started.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/auth.db"));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/events.db"));
}

// Defect: `keys rotate` started the whole service. rotate_signing_key_once opens the auth
// database only: the first key plus one rotation, and no event log.
TEST_F(AuthServiceTest, RotateOnceTouchesOnlyTheAuthDatabase) {
  ASSERT_TRUE(rotate_signing_key_once({.config = config_, .clock = clock_, .data_dir = dir_}).ok());
  EXPECT_TRUE(std::filesystem::exists(dir_ + "/auth.db"));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/events.db"));
  start();
  const std::string jwks = service_->jwks_json();
  std::size_t keys = 0;
  for (auto at = jwks.find("\"kid\""); at != std::string::npos; at = jwks.find("\"kid\"", at + 1)) {
    ++keys;
  }
  EXPECT_EQ(keys, 2u) << jwks;
}

TEST_F(AuthServiceTest, ABadAuthSettingFailsStartNamingIt) {
  config_.set("auth.access_ttl_seconds", "10m");
  service_ = make_auth_service({.config = config_, .clock = clock_, .data_dir = dir_});
  Status started = service_->start();
  ASSERT_FALSE(started.ok());
  EXPECT_NE(started.error().message.find(R"(auth.access_ttl_seconds: "10m" is not an integer)"),
            std::string::npos)
      << started.error().message;
}

}  // namespace
}  // namespace sp::auth
