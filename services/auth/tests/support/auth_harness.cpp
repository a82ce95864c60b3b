#include "support/auth_harness.hpp"

#include <stdlib.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <filesystem>
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

std::string make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sp-auth-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
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

AuthHarness::AuthHarness(std::string_view backend, AuthSettings settings)
    : temp_dir_(make_temp_dir()) {
  scratch_ = must(db::testing::ScratchDatabase::create(backend), "scratch database");
  must(migrate_auth_store(scratch_->db()), "migrations");
  runtime_ = must(AuthRuntime::open(scratch_->db(), clock_, std::move(settings)), "runtime");
  log_ = must(events::EventLog::open({.backend = "embedded",
                                      .path = temp_dir_ + "/events.db",
                                      .postgres_dsn = {},
                                      .postgres_schema = {},
                                      .clock = &clock_}),
              "event log");
  relay_ = std::make_unique<events::OutboxRelay>(scratch_->db(), *log_);
  register_auth_routes(router_, [this] { return &runtime_->flows(); });
}

AuthHarness::~AuthHarness() {
  relay_.reset();
  log_.reset();
  runtime_.reset();
  scratch_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(temp_dir_, ignored);
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
  if (request.path.empty()) request.path = request.target.substr(0, request.target.find('?'));
  if (auto q = request.target.find('?'); q != std::string::npos && request.query.empty()) {
    request.query = request.target.substr(q + 1);
  }
  http::RouteMatch match = router_.match(request.method, request.path);
  if (match.route == nullptr) {
    return http::Response::problem(Error(
        match.method_not_allowed ? ErrorCode::kInvalidArgument : ErrorCode::kNotFound, "no route"));
  }
  request.params = match.params;
  const http::RouteOptions& options = match.route->options;
  const std::string_view authorization = request.header("authorization");
  if (options.auth != http::AuthMode::kNone && !authorization.empty()) {
    auto principal = runtime_->authenticator().authenticate(authorization);
    if (!principal.ok()) return http::Response::problem(principal.error());
    request.principal = std::move(principal).value();
  }
  if (options.auth == http::AuthMode::kRequired && !request.principal) {
    return http::Response::problem(Error::unauthenticated("credentials required"));
  }
  if (request.principal && request.principal->via_api_key && !options.api_keys) {
    return http::Response::problem(Error::forbidden("API keys cannot be used on this route"));
  }
  return match.route->handler(request);
}

http::Request json_request(http::Method method, std::string path, std::string body) {
  http::Request r;
  r.method = method;
  r.target = path;
  r.path = std::move(path);
  r.body = std::move(body);
  r.headers = {{"content-type", "application/json"}, {"user-agent", "test-client/1.0"}};
  r.remote_address = "198.51.100.7";
  return r;
}

http::Request with_bearer(http::Request request, std::string_view token) {
  request.headers.emplace_back("authorization", "Bearer " + std::string(token));
  return request;
}

}  // namespace sp::auth::testing
