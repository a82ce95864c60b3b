#pragma once
// A complete auth runtime for tests: a scratch database (SQLite file or PostgreSQL schema), a
// ManualClock, an embedded event log fed by the outbox, and the /v1/auth routes on a Router
// that is called with Request values through the server's own pipeline (http::testing::TestClient:
// routing, 404/405, authentication, scopes, error mapping; no sockets).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "auth_runtime.hpp"
#include "logic/signed_in.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/db/testing/scratch_database.hpp"
#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/events/outbox.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/testing/test_client.hpp"

namespace sp::auth::testing {

inline constexpr std::string_view kPassword = "correct horse battery staple";

// Default settings with a cheap argon2id cost, so tests hash in about a millisecond.
AuthSettings test_settings();

class AuthHarness {
 public:
  // Throws std::runtime_error when the backend cannot be set up (a broken test environment).
  explicit AuthHarness(std::string_view backend = "sqlite",
                       AuthSettings settings = test_settings());
  ~AuthHarness();

  AuthRuntime& runtime() { return *runtime_; }
  const AuthFlows& flows() { return runtime_->flows(); }
  AuthStore& store() { return runtime_->store(); }
  ManualClock& clock() { return clock_; }
  db::Database& db() { return scratch_->db(); }
  const http::Router& router() const { return router_; }

  // Events published on `topic` so far (relays the outbox first), oldest first.
  std::vector<events::Envelope> events(std::string_view topic);
  // The string field `name` of the last event on `topic` ("" when absent).
  std::string last_event_field(std::string_view topic, std::string_view name);

  // Signs up `handle` (email <handle>@example.com) and returns the new session.
  SignedIn sign_up(const std::string& handle, std::string_view password = kPassword);
  static ClientInfo client(std::string address = "192.0.2.10");

  // Answers `request` as the server would (see http::testing::TestClient), authenticating with
  // this runtime's bearer authenticator.
  http::Response send(http::Request request);

 private:
  ManualClock clock_;
  sp::testing::TempDir temp_dir_{"sp-auth"};
  std::unique_ptr<db::testing::ScratchDatabase> scratch_;
  std::unique_ptr<AuthRuntime> runtime_;
  std::unique_ptr<events::EventLog> log_;
  std::unique_ptr<events::OutboxRelay> relay_;
  http::Router router_;
  std::unique_ptr<http::testing::TestClient> client_;
};

// A JSON request as a client would send it; adds "Authorization: Bearer <token>" (the shared
// builders of http::testing).
using http::testing::json_request;
using http::testing::with_bearer;

}  // namespace sp::auth::testing
