// The JWKS-based authenticator of services running without auth, against a JWKS served over
// real HTTP by packages/http's server.
#include "strangeprompt/service/remote_authenticator.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/server.hpp"
#include "strangeprompt/security/key_ring.hpp"
#include "strangeprompt/security/signing_keys.hpp"
#include "strangeprompt/security/token_issuer.hpp"
#include "strangeprompt/service/revoked_sessions.hpp"

namespace sp::service {
namespace {

constexpr const char* kJwksPath = "/v1/auth/.well-known/jwks.json";

// An auth service's signing side: a key ring, an issuer and its JWKS on a real HTTP server.
class RemoteAuthenticatorTest : public ::testing::Test {
 protected:
  RemoteAuthenticatorTest()
      : ring_(security::SigningKeySet::create(clock_.now_seconds())),
        issuer_("http://auth.test", ring_, clock_) {}

  void SetUp() override {
    router_.add(http::Method::kGet, kJwksPath, [this](http::Request&) {
      fetches_.fetch_add(1);
      return http::Response::json(200, ring_.snapshot()->jwks_json(clock_.now_seconds()));
    });
    http::ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.io_threads = 1;
    o.worker_threads = 1;
    o.access_log = false;
    server_ = http::Server::create(o, router_, nullptr, nullptr).value();
    ASSERT_TRUE(server_->start().ok());
  }
  void TearDown() override { server_->stop(); }

  RemoteAuthenticatorOptions options() const {
    RemoteAuthenticatorOptions o;
    o.jwks_url = "http://127.0.0.1:" + std::to_string(server_->port()) + kJwksPath;
    o.issuer = "http://auth.test";
    o.audience = "strangeprompt";
    o.jwks.refetch_cooldown = std::chrono::seconds(0);
    return o;
  }
  std::string token(std::string sid = "9001") {
    return issuer_
        .issue({.sub = "42", .scope = "gallery:write", .aud = "strangeprompt", .sid = sid})
        .value()
        .token;
  }

  ManualClock clock_;
  security::KeyRing ring_;
  security::TokenIssuer issuer_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::atomic<int> fetches_{0};
};

TEST_F(RemoteAuthenticatorTest, TurnsAnAccessTokenIntoItsPrincipal) {
  RemoteAuthenticator auth(options(), clock_);
  auto principal = auth.authenticate("Bearer " + token());
  ASSERT_TRUE(principal.ok()) << principal.error().message << " " << principal.error().internal;
  EXPECT_EQ(principal->user_id, 42);
  EXPECT_EQ(principal->session_id, 9001);
  EXPECT_EQ(principal->scopes, (std::vector<std::string>{"gallery:write"}));
  EXPECT_FALSE(principal->via_api_key);
  EXPECT_EQ(fetches_.load(), 1);
}

TEST_F(RemoteAuthenticatorTest, AnUnknownKidRefetchesTheJwks) {
  RemoteAuthenticator auth(options(), clock_);
  ASSERT_TRUE(auth.authenticate("Bearer " + token()).ok());
  ring_.rotate(clock_.now_seconds());  // the auth service rotated: a kid the cache lacks
  auto principal = auth.authenticate("Bearer " + token());
  ASSERT_TRUE(principal.ok()) << principal.error().internal;
  EXPECT_EQ(fetches_.load(), 2);
}

TEST_F(RemoteAuthenticatorTest, RefusesApiKeysWithAClearMessage) {
  RemoteAuthenticator auth(options(), clock_);
  auto refused = auth.authenticate("Bearer sp_0123456789abcdef0123456789abcdef");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(refused.error().message.find("API keys are accepted by the auth service"),
            std::string::npos);
  EXPECT_FALSE(auth.authenticate("Basic abc").ok());
  EXPECT_EQ(fetches_.load(), 0);
}

TEST_F(RemoteAuthenticatorTest, RefusesATokenOnceItsSessionEndedEventArrives) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("sp-remote-auth-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    auto log = events::EventLog::open({.backend = "embedded",
                                       .path = (dir / "events.db").string(),
                                       .postgres_dsn = {},
                                       .postgres_schema = {},
                                       .clock = &clock_})
                   .value();
    RemoteAuthenticator auth(options(), clock_);
    ASSERT_TRUE(auth.follow_session_ends(*log, "test.sessions.v1").ok());
    const std::string stolen = "Bearer " + token("9001");
    const std::string other = "Bearer " + token("9002");
    ASSERT_TRUE(auth.authenticate(stolen).ok());
    events::Envelope ended{.id = "1",
                           .type = "user.session_ended",
                           .version = 1,
                           .occurred_at_ms = clock_.now_ms(),
                           .key = "42",
                           .data_json = R"({"userId":"42","sessionIds":["9001"],)"
                                        R"("reason":"logout","at":")" +
                                        format_rfc3339_ms(clock_.now_ms()) + "\"}"};
    ASSERT_TRUE(log->append("user.session_ended", "42", ended.to_json().value()).ok());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (auth.authenticate(stolen).ok() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
    auto refused = auth.authenticate(stolen);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().message, "session ended");
    EXPECT_TRUE(auth.authenticate(other).ok());
    auth.stop();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sp::service
