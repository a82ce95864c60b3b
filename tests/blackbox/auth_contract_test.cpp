// The auth API against schemas/openapi.yaml, on the real binary: every documented status of
// every /v1/auth operation is provoked, and every status observed must be documented for that
// operation, so code and spec cannot drift apart again (issue 7, defect 11). Also, end to end:
// access tokens end with their session (defects 2 and 3) and a device cookie survives
// credential stuffing from its address (defect 4).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <thread>

#include "openapi_statuses.hpp"
#include "server_process.hpp"
#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {
namespace {

namespace json = boost::json;
using http::Method;

constexpr const char* kPassword = "violet-harbor-lantern-42";
constexpr const char* kOrigin = "http://localhost:8080";
// Sign-ups that reach the per-address cap (a well-formed body, even a taken email) before the
// scenario provokes 429: ada, the duplicate ada, bob, cat, dan.
constexpr int kSignupLimit = 5;
constexpr int kForgotLimit = 2;

// Statuses documented but not provokable from outside without breaking the server on purpose.
const std::set<std::pair<Operation, int>> kNotProvoked = {
    {{"post", "/v1/auth/signup"}, 503},  // every hashing slot busy past auth.hash_wait_ms
    {{"post", "/v1/auth/login"}, 503},
};

class AuthContract : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerProcessOptions o;
    o.env["STRANGEPROMPT_AUTH__ARGON2_MEMORY_KIB"] = "64";
    o.env["STRANGEPROMPT_AUTH__ARGON2_OPS"] = "1";
    o.env["STRANGEPROMPT_AUTH__SIGNUP_PER_ADDRESS_PER_HOUR"] = std::to_string(kSignupLimit);
    o.env["STRANGEPROMPT_AUTH__FORGOT_PER_ADDRESS_PER_HOUR"] = std::to_string(kForgotLimit);
    server_ = std::make_unique<ServerProcess>(o);
    ASSERT_TRUE(server_->started()) << server_->log();
    documented_ = documented_statuses(SP_OPENAPI_PATH);
    ASSERT_GT(documented_.size(), 10u) << "could not read " << SP_OPENAPI_PATH;
  }

  // Sends the request, checks its status is `expected` (0: any) and documented for
  // (method, path).
  http::ClientResponse expect(int expected, Method method, const std::string& templ,
                              const std::string& path, std::string body = {},
                              http::Headers headers = {}, const char* type = "application/json") {
    if (!body.empty()) headers.emplace_back("content-type", type);
    auto r =
        client_->send({method, server_->base_url() + path, std::move(headers), std::move(body)});
    EXPECT_TRUE(r.ok()) << path;
    if (!r.ok()) return {};
    const Operation op{to_lower(method), templ};
    if (expected != 0) {
      EXPECT_EQ(r->status, expected) << op.first << " " << path << ": " << r->body;
    }
    EXPECT_TRUE(documented_[op].count(r->status))
        << op.first << " " << templ << " answered " << r->status
        << ", which schemas/openapi.yaml does not document: " << r->body;
    observed_.insert({op, r->status});
    return std::move(*r);
  }
  static std::string to_lower(Method m) {
    std::string s(http::to_string(m));
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  static http::Headers bearer(const std::string& token) {
    return {{"authorization", "Bearer " + token}};
  }
  static http::Headers cookie(const std::string& token, const std::string& origin) {
    return {{"cookie", "sp_refresh=" + token}, {"origin", origin}};
  }
  static json::object body_of(const http::ClientResponse& r) {
    return r.status / 100 == 2 ? json::parse(r.body).as_object() : json::object{};
  }
  static std::string field(const json::object& o, const char* name) {
    auto* v = o.if_contains(name);
    return v != nullptr && v->is_string() ? std::string(v->get_string()) : "";
  }
  json::object sign_up(const std::string& handle) {
    return body_of(expect(201, Method::kPost, "/v1/auth/signup", "/v1/auth/signup",
                          R"({"email":")" + handle + R"(@example.com","handle":")" + handle +
                              R"(","password":")" + kPassword + R"(","returnRefreshToken":true})"));
  }
  // The newest string field `name` of an event on `topic` (the mail the notifications service
  // would send), read from the process's embedded event log.
  std::string mailed(const std::string& topic, const char* name) {
    auto log = events::EventLog::open(
        {.backend = "embedded",
         .path = (std::filesystem::path(server_->data_dir()) / "events.db").string(),
         .postgres_dsn = {},
         .postgres_schema = {},
         .clock = nullptr});
    if (!log.ok()) return {};
    for (int attempt = 0; attempt < 500; ++attempt) {  // the outbox relay runs every 100 ms
      auto records = (*log)->read(topic, 0, 1000);
      if (records.ok() && !records->empty()) {
        json::value envelope = json::parse(records->back().payload);
        return field(envelope.at("data").as_object(), name);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return {};
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<http::HttpClient> client_ = http::HttpClient::create();
  std::map<Operation, std::set<int>> documented_;
  std::set<std::pair<Operation, int>> observed_;
};

TEST_F(AuthContract, EveryDocumentedStatusIsProvokedAndEveryObservedOneIsDocumented) {
  const char* const signup = "/v1/auth/signup";
  const char* const login = "/v1/auth/login";
  // Sign-up: 201, 400, 409, 415 (429 at the end, once the address spent its sign-ups).
  const json::object ada = sign_up("ada");
  const std::string ada_access = field(ada, "accessToken");
  expect(400, Method::kPost, signup, signup, R"({"email":"x"})");
  expect(
      409, Method::kPost, signup, signup,
      R"({"email":"ada@example.com","handle":"ada","password":")" + std::string(kPassword) + "\"}");
  expect(415, Method::kPost, signup, signup, "email=x", {}, "text/plain");
  const json::object bob = sign_up("bob");
  const json::object cat = sign_up("cat");
  const json::object dan = sign_up("dan");

  // Log-in: 200, 400, 401, 415 (429 at the end).
  const std::string login_body =
      R"({"login":"ada","password":")" + std::string(kPassword) + R"(","returnRefreshToken":true})";
  const json::object ada2 = body_of(expect(200, Method::kPost, login, login, login_body));
  expect(400, Method::kPost, login, login, "{}");
  expect(401, Method::kPost, login, login, R"({"login":"ada","password":"not the password"})");
  expect(415, Method::kPost, login, login, "login=ada", {}, "text/plain");

  // Refresh: 200, 400, 401, 403, 415.
  const char* const refresh = "/v1/auth/refresh";
  expect(200, Method::kPost, refresh, refresh,
         R"({"refreshToken":")" + field(ada2, "refreshToken") + "\"}");
  expect(400, Method::kPost, refresh, refresh, R"({"refreshToken":7})");
  expect(401, Method::kPost, refresh, refresh);
  expect(403, Method::kPost, refresh, refresh, {},
         cookie(field(ada, "refreshToken"), "https://evil.example"));
  expect(415, Method::kPost, refresh, refresh, "x", {}, "text/plain");

  // Sessions and API keys (ada's first session).
  const char* const sessions = "/v1/auth/sessions";
  const char* const keys = "/v1/auth/api-keys";
  expect(200, Method::kGet, sessions, sessions, {}, bearer(ada_access));
  expect(401, Method::kGet, sessions, sessions);
  const json::object key =
      body_of(expect(201, Method::kPost, keys, keys, R"({"name":"ci","scopes":["gallery:write"]})",
                     bearer(ada_access)));
  const std::string api_key = field(key, "key");
  expect(400, Method::kPost, keys, keys, R"({"name":""})", bearer(ada_access));
  expect(401, Method::kPost, keys, keys, R"({"name":"x"})");
  expect(403, Method::kPost, keys, keys, R"({"name":"x"})", bearer(api_key));
  expect(415, Method::kPost, keys, keys, "name=x", bearer(ada_access), "text/plain");
  expect(200, Method::kGet, keys, keys, {}, bearer(ada_access));
  expect(401, Method::kGet, keys, keys);
  expect(403, Method::kGet, keys, keys, {}, bearer(api_key));
  expect(403, Method::kGet, sessions, sessions, {}, bearer(api_key));
  for (int i = 1; i < 25; ++i) {  // up to the cap of active keys
    expect(201, Method::kPost, keys, keys, R"({"name":"k)" + std::to_string(i) + "\"}",
           bearer(ada_access));
  }
  expect(422, Method::kPost, keys, keys, R"({"name":"one too many"})", bearer(ada_access));
  const char* const key_id = "/v1/auth/api-keys/{id}";
  expect(403, Method::kDelete, key_id, "/v1/auth/api-keys/" + field(key, "id"), {},
         bearer(api_key));
  expect(204, Method::kDelete, key_id, "/v1/auth/api-keys/" + field(key, "id"), {},
         bearer(ada_access));
  expect(404, Method::kDelete, key_id, "/v1/auth/api-keys/" + field(key, "id"), {},
         bearer(ada_access));
  expect(401, Method::kDelete, key_id, "/v1/auth/api-keys/1");

  // Ending sessions: one by id, then every other one.
  const char* const session_id = "/v1/auth/sessions/{id}";
  expect(401, Method::kDelete, session_id, "/v1/auth/sessions/1");
  expect(404, Method::kDelete, session_id, "/v1/auth/sessions/12345", {}, bearer(ada_access));
  const json::object ada3 = body_of(expect(200, Method::kPost, login, login, login_body));
  const json::object listed =
      body_of(expect(200, Method::kGet, sessions, sessions, {}, bearer(ada_access)));
  const std::string newest = field(listed.at("items").as_array()[0].as_object(), "id");
  const json::object second_key = body_of(expect(
      201, Method::kPost, keys, keys, R"({"name":"temp"})", bearer(field(dan, "accessToken"))));
  expect(403, Method::kDelete, session_id, "/v1/auth/sessions/" + newest, {},
         bearer(field(second_key, "key")));
  expect(204, Method::kDelete, session_id, "/v1/auth/sessions/" + newest, {}, bearer(ada_access));
  expect(401, Method::kGet, sessions, sessions, {}, bearer(field(ada3, "accessToken")));
  expect(204, Method::kDelete, sessions, sessions, {}, bearer(ada_access));
  expect(401, Method::kDelete, sessions, sessions);
  expect(403, Method::kDelete, sessions, sessions, {}, bearer(field(second_key, "key")));

  // Log-out: 204, 400, 403, 415.
  const char* const logout = "/v1/auth/logout";
  expect(204, Method::kPost, logout, logout,
         R"({"refreshToken":")" + field(bob, "refreshToken") + "\"}");
  expect(400, Method::kPost, logout, logout, R"({"refreshToken":7})");
  expect(403, Method::kPost, logout, logout, {},
         cookie(field(cat, "refreshToken"), "https://evil.example"));
  expect(415, Method::kPost, logout, logout, "x", {}, "text/plain");

  // Password change (cat): 204, 400 (the wrong current password among them), 401, 403, 415,
  // then 429 (dan's wrong guesses).
  const char* const change = "/v1/auth/password/change";
  const std::string cat_access = field(cat, "accessToken");
  expect(400, Method::kPost, change, change,
         R"({"currentPassword":"not it","newPassword":"a brand new passphrase"})",
         bearer(cat_access));
  expect(400, Method::kPost, change, change,
         R"({"currentPassword":")" + std::string(kPassword) + R"(","newPassword":"short"})",
         bearer(cat_access));
  expect(401, Method::kPost, change, change, R"({"currentPassword":"a","newPassword":"b"})");
  expect(403, Method::kPost, change, change, R"({"currentPassword":"a","newPassword":"b"})",
         bearer(field(second_key, "key")));
  expect(415, Method::kPost, change, change, "x", bearer(cat_access), "text/plain");
  expect(204, Method::kPost, change, change,
         R"({"currentPassword":")" + std::string(kPassword) +
             R"(","newPassword":"a brand new passphrase"})",
         bearer(cat_access));
  const std::string dan_access = field(dan, "accessToken");
  const std::string wrong = R"({"currentPassword":"wrong","newPassword":"a brand new one!"})";
  for (int i = 0; i < 6; ++i) expect(400, Method::kPost, change, change, wrong, bearer(dan_access));
  expect(429, Method::kPost, change, change, wrong, bearer(dan_access));

  // Email verification: 204, 400, 410, 415.
  const char* const verify = "/v1/auth/email/verify";
  const std::string verification = mailed("user.signup", "verificationToken");
  ASSERT_FALSE(verification.empty());
  expect(204, Method::kPost, verify, verify, R"({"token":")" + verification + "\"}");
  expect(410, Method::kPost, verify, verify, R"({"token":")" + verification + "\"}");
  expect(400, Method::kPost, verify, verify, "{}");
  expect(415, Method::kPost, verify, verify, "x", {}, "text/plain");

  // Forgot and reset: 202, 400, 415, 429; 204, 400, 410, 415.
  const char* const forgot = "/v1/auth/password/forgot";
  const char* const reset = "/v1/auth/password/reset";
  expect(202, Method::kPost, forgot, forgot, R"({"email":"bob@example.com"})");
  expect(415, Method::kPost, forgot, forgot, "x", {}, "text/plain");
  expect(400, Method::kPost, forgot, forgot, R"({"email":"not an email"})");
  expect(429, Method::kPost, forgot, forgot, R"({"email":"bob@example.com"})");
  const std::string reset_token = mailed("user.password_reset_requested", "resetToken");
  ASSERT_FALSE(reset_token.empty());
  expect(400, Method::kPost, reset, reset, R"({"token":")" + reset_token + R"("})");
  expect(415, Method::kPost, reset, reset, "x", {}, "text/plain");
  expect(204, Method::kPost, reset, reset,
         R"({"token":")" + reset_token + R"(","password":"another new passphrase"})");
  expect(410, Method::kPost, reset, reset,
         R"({"token":")" + reset_token + R"(","password":"another new passphrase"})");

  // JWKS.
  const char* const jwks = "/v1/auth/.well-known/jwks.json";
  expect(200, Method::kGet, jwks, jwks);

  // Account deletion (cat, whose password the change above replaced): 204, 400, 401, 403, 415;
  // 429 for dan, whose wrong guesses hold the account.
  const char* const remove = "/v1/auth/account/delete";
  const std::string cat_now = R"({"currentPassword":"a brand new passphrase"})";
  expect(400, Method::kPost, remove, remove, R"({"currentPassword":"not it"})", bearer(cat_access));
  expect(401, Method::kPost, remove, remove, cat_now);
  expect(403, Method::kPost, remove, remove, cat_now, bearer(field(second_key, "key")));
  expect(415, Method::kPost, remove, remove, "x", bearer(cat_access), "text/plain");
  expect(429, Method::kPost, remove, remove, R"({"currentPassword":"wrong"})", bearer(dan_access));
  expect(204, Method::kPost, remove, remove, cat_now, bearer(cat_access));

  // Throttles last: sign-ups past the address's limit, then credential stuffing.
  expect(
      429, Method::kPost, signup, signup,
      R"({"email":"eve@example.com","handle":"eve","password":")" + std::string(kPassword) + "\"}");
  // Failures against distinct accounts from one address: 401 until the address is held.
  int stuffing_status = 0;
  for (int i = 0; i < 30 && stuffing_status != 429; ++i) {
    stuffing_status =
        expect(0, Method::kPost, login, login,
               R"({"login":"victim)" + std::to_string(i) + R"(","password":"Password1!"})")
            .status;
    EXPECT_TRUE(stuffing_status == 401 || stuffing_status == 429) << stuffing_status;
  }
  EXPECT_EQ(stuffing_status, 429);
  expect(429, Method::kPost, login, login,
         R"({"login":"bob","password":")" + std::string(kPassword) + "\"}");

  for (const auto& [op, statuses] : documented_) {
    if (!op.second.starts_with("/v1/auth/")) continue;
    for (int status : statuses) {
      if (kNotProvoked.count({op, status})) continue;
      EXPECT_TRUE(observed_.count({op, status}))
          << op.first << " " << op.second << " documents " << status
          << " but this test never provokes it: provoke it here or stop documenting it";
    }
  }
}

TEST_F(AuthContract, AccessTokensEndWithTheirSession) {
  const char* const sessions = "/v1/auth/sessions";
  const char* const keys = "/v1/auth/api-keys";
  const char* const change = "/v1/auth/password/change";
  const char* const login = "/v1/auth/login";
  const std::string key_body = R"({"name":"stolen"})";
  const std::string change_body = R"({"currentPassword":")" + std::string(kPassword) +
                                  R"(","newPassword":"a brand new passphrase"})";
  const std::string login_body =
      R"({"login":"ada","password":")" + std::string(kPassword) + R"(","returnRefreshToken":true})";
  const json::object first = sign_up("ada");
  const std::string mine = field(first, "accessToken");
  const json::object other = body_of(expect(200, Method::kPost, login, login, login_body));

  // "End every other session" with a bearer token alone keeps the caller's session.
  expect(204, Method::kDelete, sessions, sessions, {}, bearer(mine));
  const json::object listed =
      body_of(expect(200, Method::kGet, sessions, sessions, {}, bearer(mine)));
  ASSERT_EQ(listed.at("items").as_array().size(), 1u);
  EXPECT_TRUE(listed.at("items").as_array()[0].at("current").as_bool());
  expect(401, Method::kPost, keys, keys, key_body, bearer(field(other, "accessToken")));

  // After log-out the old access token can neither create a key nor change the password.
  expect(204, Method::kPost, "/v1/auth/logout", "/v1/auth/logout",
         R"({"refreshToken":")" + field(first, "refreshToken") + "\"}");
  expect(401, Method::kPost, keys, keys, key_body, bearer(mine));
  expect(401, Method::kPost, change, change, change_body, bearer(mine));

  // A password change ends the other sessions: their tokens stop at once.
  const std::string a =
      field(body_of(expect(200, Method::kPost, login, login, login_body)), "accessToken");
  const std::string b =
      field(body_of(expect(200, Method::kPost, login, login, login_body)), "accessToken");
  expect(204, Method::kPost, change, change, change_body, bearer(a));
  expect(401, Method::kPost, keys, keys, key_body, bearer(b));
  expect(401, Method::kPost, change, change,
         R"({"currentPassword":"a brand new passphrase","newPassword":"yet another passphrase"})",
         bearer(b));
  expect(201, Method::kPost, keys, keys, key_body, bearer(a));
}

TEST_F(AuthContract, ADeviceCookieLogsInDespiteStuffingFromItsAddress) {
  const char* const login = "/v1/auth/login";
  sign_up("ada");
  sign_up("bob");
  const http::ClientResponse first =
      expect(200, Method::kPost, login, login,
             R"({"login":"ada","password":")" + std::string(kPassword) + "\"}");
  std::string device;
  for (const auto& [name, value] : first.headers) {
    if (name == "set-cookie" && value.starts_with("sp_device=")) {
      device = value.substr(0, value.find(';'));
      EXPECT_NE(value.find("HttpOnly"), std::string::npos);
      EXPECT_NE(value.find("SameSite=Strict"), std::string::npos);
      EXPECT_NE(value.find("Path=/v1/auth"), std::string::npos);
    }
  }
  ASSERT_FALSE(device.empty());
  for (int i = 0; i < 50; ++i) {  // one address, many accounts
    expect(0, Method::kPost, login, login,
           R"({"login":"victim)" + std::to_string(i) + R"(","password":"Password1!"})");
  }
  expect(200, Method::kPost, login, login,
         R"({"login":"ada","password":")" + std::string(kPassword) + "\"}", {{"cookie", device}});
  const http::ClientResponse bob =
      expect(429, Method::kPost, login, login,
             R"({"login":"bob","password":")" + std::string(kPassword) + "\"}");
  EXPECT_NE(bob.header("retry-after"), "");
}

}  // namespace
}  // namespace sp::testing
