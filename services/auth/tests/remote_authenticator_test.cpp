// service::RemoteAuthenticator (a process without auth) against the real auth flows: keys from
// auth's JWKS, and a session auth ends reaches it through the outbox, the event log and the
// user.session_ended consumer.
#include "strangeprompt/service/remote_authenticator.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "strangeprompt/events/outbox.hpp"
#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

TEST(RemoteAuthenticatorWithAuth, RefusesATokenOnceAuthEndedItsSessionElsewhere) {
  testing::AuthHarness h;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("sp-remote-with-auth-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    auto log = events::EventLog::open({.backend = "embedded",
                                       .path = (dir / "events.db").string(),
                                       .postgres_dsn = {},
                                       .postgres_schema = {},
                                       .clock = &h.clock()})
                   .value();
    events::OutboxRelay relay(h.db(), *log);  // the auth process's relay, to the shared log
    service::RemoteAuthenticator remote(
        {}, h.clock(), [&h]() -> Result<std::string> { return h.runtime().keys().jwks_json(); });
    ASSERT_TRUE(remote.follow_session_ends(*log, "gallery.sessions.test.v1").ok());

    const SignedIn ada = h.sign_up("ada");
    const std::string bearer = "Bearer " + ada.access.token;
    auto principal = remote.authenticate(bearer);
    ASSERT_TRUE(principal.ok()) << principal.error().internal;
    EXPECT_EQ(principal->user_id, ada.user.id);
    EXPECT_EQ(principal->session_id, ada.refresh.family_id);

    ASSERT_TRUE(h.flows().sessions.end(ada.refresh.token, testing::AuthHarness::client()).ok());
    ASSERT_TRUE(relay.relay_once().ok());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (remote.authenticate(bearer).ok() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
    auto refused = remote.authenticate(bearer);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().message, "session ended");
    remote.stop();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sp::auth
