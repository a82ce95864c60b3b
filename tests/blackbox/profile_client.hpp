#pragma once
// What the profile black-box tests share: the binary's options for a backend, sign-ups, calls
// with a bearer token, and waiting for a profile the user.signup event creates.
#include <boost/json.hpp>

#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include "server_process.hpp"
#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {

namespace json = boost::json;

inline constexpr const char* kProfilePassword = "violet-harbor-lantern-42";

// A signed-up user: id, handle and an access token.
struct TestUser {
  std::string id;
  std::string handle;
  std::string token;
};

inline ServerProcessOptions profile_server_options(const std::string& backend) {
  ServerProcessOptions o;
  o.env["STRANGEPROMPT_AUTH__ARGON2_MEMORY_KIB"] = "64";
  o.env["STRANGEPROMPT_AUTH__ARGON2_OPS"] = "1";
  o.env["STRANGEPROMPT_AUTH__SIGNUP_PER_ADDRESS_PER_HOUR"] = "100000";
  if (backend == "postgres") {
    auto dsn = db::testing::postgres_dsn_for_tests();
    if (!dsn) return o;
    static std::mt19937_64 rng(std::random_device{}());
    const std::string suffix = std::to_string(rng() % 1'000'000'000);
    o.env["STRANGEPROMPT_DB__BACKEND"] = "postgres";
    o.env["STRANGEPROMPT_DB__POSTGRES_DSN"] = *dsn;
    o.env["STRANGEPROMPT_AUTH__DB__POSTGRES_SCHEMA"] = "bb_auth_" + suffix;
    o.env["STRANGEPROMPT_PROFILE__DB__POSTGRES_SCHEMA"] = "bb_profile_" + suffix;
    o.env["STRANGEPROMPT_EVENTS__BACKEND"] = "postgres";
    o.env["STRANGEPROMPT_EVENTS__POSTGRES_SCHEMA"] = "bb_events_" + suffix;
  }
  return o;
}

class ProfileClient {
 public:
  explicit ProfileClient(const ServerProcess& server) : server_(server) {}

  http::ClientResponse call(http::Method method, const std::string& path, std::string body = {},
                            const std::string& token = {}, http::Headers headers = {}) const {
    if (!body.empty()) headers.emplace_back("content-type", "application/json");
    if (!token.empty()) headers.emplace_back("authorization", "Bearer " + token);
    auto client = http::HttpClient::create();
    auto r = client->send({method, server_.base_url() + path, std::move(headers), std::move(body)});
    return r.ok() ? std::move(*r) : http::ClientResponse{};
  }

  // Signs `handle` up and waits until its profile exists (the user.signup event arrived).
  TestUser sign_up(const std::string& handle) const {
    auto r = call(http::Method::kPost, "/v1/auth/signup",
                  R"({"email":")" + handle + R"(@example.com","handle":")" + handle +
                      R"(","password":")" + kProfilePassword + "\"}");
    if (r.status != 201) return {};
    json::object body = json::parse(r.body).as_object();
    TestUser user{std::string(body.at("user").at("id").as_string()), handle,
                  std::string(body.at("accessToken").as_string())};
    wait_for_status("/v1/profiles/" + handle, 200);
    return user;
  }

  // Polls GET `path` until it answers `status` (events arrive within about a second); true then.
  bool wait_for_status(const std::string& path, int status) const {
    for (int attempt = 0; attempt < 1000; ++attempt) {
      if (call(http::Method::kGet, path).status == status) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  json::object get_object(const std::string& path, const std::string& token = {}) const {
    auto r = call(http::Method::kGet, path, {}, token);
    return r.status == 200 ? json::parse(r.body).as_object() : json::object{};
  }

  int64_t count(const std::string& handle, const char* name) const {
    json::object p = get_object("/v1/profiles/" + handle);
    return p.contains(name) ? p.at(name).as_int64() : -1;
  }

 private:
  const ServerProcess& server_;
};

// The `field` of every entry of a problem's `errors`.
inline std::vector<std::string> problem_fields(const http::ClientResponse& r) {
  std::vector<std::string> out;
  json::error_code ec;
  json::value v = json::parse(r.body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("errors")) return out;
  for (const auto& e : v.at("errors").as_array()) out.emplace_back(e.at("field").as_string());
  return out;
}

}  // namespace sp::testing
