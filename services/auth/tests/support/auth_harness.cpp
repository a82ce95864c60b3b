#include "support/auth_harness.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <stdexcept>

#include "handlers/routes.hpp"
#include "strangeprompt/core/strings.hpp"

namespace sp::auth::testing {
namespace {

template <typename T>
T must(Result<T> result, std::string_view what) {
  if (!result.ok()) {
    throw std::runtime_error(std::string(what) + ": " + result.error().message + " " +
                             result.error().internal);
  }
  return std::move(result).value();
}

}  // namespace

AuthSettings test_settings() {
  AuthSettings s;
  s.argon2_memory_kib = 64;
  s.argon2_ops = 1;
  // Many tests sign up users from one address; only the throttle tests use small limits.
  s.address_limits = {.signup_per_hour = 10'000, .forgot_per_hour = 10'000};
  return s;
}

AuthHarness::AuthHarness(std::string_view backend, AuthSettings settings) {
  scratch_ = must(db::testing::ScratchDatabase::create(backend), "scratch database");
  must(migrate_auth_store(scratch_->db()), "migrations");
  runtime_ = must(AuthRuntime::open(scratch_->db(), clock_, std::move(settings)), "runtime");
  log_ = must(events::EventLog::open({.backend = "embedded",
                                      .path = temp_dir_.file("events.db"),
                                      .postgres_dsn = {},
                                      .postgres_schema = {},
                                      .clock = &clock_}),
              "event log");
  relay_ = std::make_unique<events::OutboxRelay>(scratch_->db(), *log_);
  register_auth_routes(router_, [this] { return &runtime_->flows(); });
  client_ = std::make_unique<http::testing::TestClient>(
      router_,
      [this](std::string_view authorization) {
        return runtime_->authenticator().authenticate(authorization);
      },
      "auth");
}

AuthHarness::~AuthHarness() {
  relay_.reset();
  log_.reset();
  runtime_.reset();
  scratch_.reset();
}

std::vector<events::Envelope> AuthHarness::events(std::string_view topic) {
  must(relay_->relay_once(), "outbox relay");
  std::vector<events::Envelope> out;
  for (const events::Record& record : must(log_->read(topic, 0, 10'000), "event log read")) {
    out.push_back(must(events::Envelope::parse(record.payload), "envelope"));
  }
  return out;
}

std::string AuthHarness::last_event_field(std::string_view topic, std::string_view name) {
  auto all = events(topic);
  if (all.empty()) return {};
  boost::json::value data = boost::json::parse(all.back().data_json);
  const boost::json::value* field = data.as_object().if_contains(name);
  return field != nullptr && field->is_string() ? std::string(field->get_string()) : "";
}

SignedIn AuthHarness::sign_up(const std::string& handle, std::string_view password) {
  return must(
      flows().accounts.sign_up(
          {.email = handle + "@example.com", .handle = handle, .password = std::string(password)},
          client()),
      "sign-up");
}

ClientInfo AuthHarness::client(std::string address) {
  return {.address = std::move(address), .user_agent = "harness/1.0"};
}

http::Response AuthHarness::send(http::Request request) {
  return client_->send(std::move(request));
}

}  // namespace sp::auth::testing
