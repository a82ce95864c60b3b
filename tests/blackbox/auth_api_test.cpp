// The auth API of the real binary over real sockets, on SQLite (embedded) and on PostgreSQL
// (the distributed backends: a schema per run for auth and for the event log).
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <random>

#include "server_process.hpp"
#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {
namespace {

namespace json = boost::json;
constexpr const char* kPassword = "violet-harbor-lantern-42";
constexpr const char* kOrigin = "http://localhost:8080";

std::string unique_suffix() {
  static std::mt19937_64 rng(std::random_device{}());
  return std::to_string(rng() % 1'000'000'000);
}

ServerProcessOptions options_for(const std::string& backend) {
  ServerProcessOptions o;
  o.env["STRANGEPROMPT_AUTH__ARGON2_MEMORY_KIB"] = "19456";
  if (backend == "postgres") {
    auto dsn = db::testing::postgres_dsn_for_tests();
    if (!dsn) return o;
    std::string suffix = unique_suffix();
    o.env["STRANGEPROMPT_DB__BACKEND"] = "postgres";
    o.env["STRANGEPROMPT_DB__POSTGRES_DSN"] = *dsn;
    o.env["STRANGEPROMPT_AUTH__DB__POSTGRES_SCHEMA"] = "bb_auth_" + suffix;
    o.env["STRANGEPROMPT_EVENTS__BACKEND"] = "postgres";
    o.env["STRANGEPROMPT_EVENTS__POSTGRES_SCHEMA"] = "bb_events_" + suffix;
  }
  return o;
}

class AuthApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && !db::testing::postgres_dsn_for_tests()) {
      GTEST_SKIP() << "no PostgreSQL for tests (run through ctest, which starts one)";
    }
    server_ = std::make_unique<ServerProcess>(options_for(GetParam()));
    ASSERT_TRUE(server_->started()) << server_->log();
  }

  http::ClientResponse call(http::Method method, const std::string& path, std::string body = {},
                            http::Headers headers = {}) {
    if (!body.empty()) headers.emplace_back("content-type", "application/json");
    auto r =
        client_->send({method, server_->base_url() + path, std::move(headers), std::move(body)});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(*r) : http::ClientResponse{};
  }
  json::object signup(const std::string& handle, bool refresh_in_body = false) {
    json::object req{{"email", handle + "@Example.com"},
                     {"handle", handle},
                     {"password", kPassword},
                     {"returnRefreshToken", refresh_in_body}};
    auto r = call(http::Method::kPost, "/v1/auth/signup", json::serialize(req));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? json::parse(r.body).as_object() : json::object{};
  }
  static std::string cookie_value(std::string_view set_cookie) {
    auto eq = set_cookie.find('=');
    auto semi = set_cookie.find(';');
    return std::string(set_cookie.substr(eq + 1, semi - eq - 1));
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<http::HttpClient> client_ = http::HttpClient::create();
};

TEST_P(AuthApi, SignupAnswersTheUserAnAccessTokenAndAStrictRefreshCookie) {
  auto r = call(
      http::Method::kPost, "/v1/auth/signup",
      R"({"email":" Ann@Example.COM ","handle":"ann_1","password":"violet-harbor-lantern-42"})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto body = json::parse(r.body).as_object();
  auto user = body.at("user").as_object();
  EXPECT_TRUE(user.at("id").is_string());
  EXPECT_EQ(user.at("handle").as_string(), "ann_1");
  EXPECT_EQ(user.at("email").as_string(), "ann@example.com");
  EXPECT_EQ(user.at("emailVerified").as_bool(), false);
  EXPECT_EQ(body.at("expiresIn").as_int64(), 600);
  EXPECT_FALSE(body.contains("refreshToken")) << "browsers get the refresh token only as a cookie";
  std::string cookie(r.header("set-cookie"));
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/v1/auth"), std::string::npos) << cookie;
}

TEST_P(AuthApi, HandlesAreUniqueCaseInsensitively) {
  signup("bob_2");
  auto r = call(
      http::Method::kPost, "/v1/auth/signup",
      R"({"email":"other@example.com","handle":"BOB_2","password":"violet-harbor-lantern-42"})");
  EXPECT_TRUE(r.status == 409 || r.status == 400) << r.status << r.body;
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
}

TEST_P(AuthApi, WeakOrMalformedSignupsAreProblemsAndCreateNothing) {
  struct Case {
    const char* body;
    int status;
  } cases[] = {
      {R"({"email":"c@example.com","handle":"carol","password":"password123"})", 400},
      {R"({"email":"c@example.com","handle":"carol","password":"short"})", 400},
      {R"({"email":"not-an-email","handle":"carol","password":"violet-harbor-lantern-42"})", 400},
      {R"({"email":"c@example.com","handle":"no spaces!","password":"violet-harbor-lantern-42"})",
       400},
      {R"({"email":"c@example.com","handle":"carol","password":42})", 400},
      {R"({"email":"c@example.com")", 400},
      {"", 415},  // no body, so no Content-Type: application/json
  };
  for (const auto& c : cases) {
    auto r = call(http::Method::kPost, "/v1/auth/signup", c.body);
    EXPECT_EQ(r.status, c.status) << c.body << " -> " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << c.body;
  }
  // None of the rejected attempts reserved the handle.
  signup("carol");
}

TEST_P(AuthApi, LoginFailuresAreOneGenericError) {
  signup("dave_3");
  auto wrong = call(http::Method::kPost, "/v1/auth/login",
                    R"({"login":"dave_3","password":"wrong-password-entirely"})");
  auto unknown = call(http::Method::kPost, "/v1/auth/login",
                      R"({"login":"nobody_here","password":"wrong-password-entirely"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(json::parse(wrong.body).at("detail"), json::parse(unknown.body).at("detail"));
  auto ok = call(http::Method::kPost, "/v1/auth/login",
                 R"({"login":"DAVE_3@example.com","password":"violet-harbor-lantern-42"})");
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST_P(AuthApi, AccessTokenOpensSessionsAndMissingTokenIs401) {
  auto s = signup("erin_4");
  std::string token(s.at("accessToken").as_string());
  auto none = call(http::Method::kGet, "/v1/auth/sessions");
  EXPECT_EQ(none.status, 401);
  auto bad = call(http::Method::kGet, "/v1/auth/sessions", {}, {{"authorization", "Bearer x.y.z"}});
  EXPECT_EQ(bad.status, 401);
  auto r =
      call(http::Method::kGet, "/v1/auth/sessions", {}, {{"authorization", "Bearer " + token}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("items").as_array().size(), 1u);
}

TEST_P(AuthApi, RefreshRotatesAndReuseRevokesTheFamily) {
  auto s = signup("fay_5", /*refresh_in_body=*/true);
  std::string first(s.at("refreshToken").as_string());
  auto refresh = [&](const std::string& token) {
    return call(http::Method::kPost, "/v1/auth/refresh",
                json::serialize(json::object{{"refreshToken", token}}));
  };
  auto r1 = refresh(first);
  ASSERT_EQ(r1.status, 200) << r1.body;
  std::string second(json::parse(r1.body).at("refreshToken").as_string());
  EXPECT_NE(first, second);
  // Within the reuse grace (10 s by default) and while `second` is unused, the old token answers
  // the same successor: the client may never have received it (a reload aborted the request).
  auto missed = refresh(first);
  ASSERT_EQ(missed.status, 200) << missed.body;
  EXPECT_EQ(std::string(json::parse(missed.body).at("refreshToken").as_string()), second);
  auto r2 = refresh(second);
  ASSERT_EQ(r2.status, 200) << r2.body;
  std::string third(json::parse(r2.body).at("refreshToken").as_string());
  // The successor was used, so the old token is reuse even within the grace.
  auto reuse = refresh(first);
  EXPECT_EQ(reuse.status, 401) << reuse.body;
  auto after = refresh(third);
  EXPECT_EQ(after.status, 401) << "reuse of a rotated token must revoke the whole family";
}

TEST_P(AuthApi, WithTheReuseGraceOffAReusedTokenRevokesAtOnce) {
  ServerProcessOptions options = options_for(GetParam());
  options.env["STRANGEPROMPT_AUTH__REFRESH_REUSE_GRACE_MS"] = "0";
  server_.reset();  // the one SetUp started, with the default grace
  server_ = std::make_unique<ServerProcess>(options);
  ASSERT_TRUE(server_->started()) << server_->log();
  auto s = signup("gil_5", /*refresh_in_body=*/true);
  std::string first(s.at("refreshToken").as_string());
  auto refresh = [&](const std::string& token) {
    return call(http::Method::kPost, "/v1/auth/refresh",
                json::serialize(json::object{{"refreshToken", token}}));
  };
  auto r1 = refresh(first);
  ASSERT_EQ(r1.status, 200) << r1.body;
  std::string second(json::parse(r1.body).at("refreshToken").as_string());
  auto reuse = refresh(first);
  EXPECT_EQ(reuse.status, 401) << reuse.body;
  auto after = refresh(second);
  EXPECT_EQ(after.status, 401) << "reuse of a rotated token must revoke the whole family";
}

TEST_P(AuthApi, CookieRefreshNeedsAnAllowedOrigin) {
  auto r =
      call(http::Method::kPost, "/v1/auth/signup",
           R"({"email":"gus@example.com","handle":"gus_6","password":"violet-harbor-lantern-42"})");
  ASSERT_EQ(r.status, 201);
  std::string cookie = "sp_refresh=" + cookie_value(r.header("set-cookie"));
  auto evil = call(http::Method::kPost, "/v1/auth/refresh", {},
                   {{"cookie", cookie}, {"origin", "https://evil.example"}});
  EXPECT_EQ(evil.status, 403) << evil.body;
  auto good =
      call(http::Method::kPost, "/v1/auth/refresh", {}, {{"cookie", cookie}, {"origin", kOrigin}});
  EXPECT_EQ(good.status, 200) << good.body;
  EXPECT_NE(good.header("set-cookie").find("sp_refresh="), std::string::npos);
}

TEST_P(AuthApi, JwksPublishesEd25519Keys) {
  auto r = call(http::Method::kGet, "/v1/auth/.well-known/jwks.json");
  ASSERT_EQ(r.status, 200);
  auto keys = json::parse(r.body).at("keys").as_array();
  ASSERT_FALSE(keys.empty());
  EXPECT_EQ(keys[0].at("kty").as_string(), "OKP");
  EXPECT_EQ(keys[0].at("crv").as_string(), "Ed25519");
  EXPECT_FALSE(keys[0].as_object().contains("d")) << "the private key must never be published";
}

TEST_P(AuthApi, ApiKeyIsShownOnceAndAuthenticatesUntilRevoked) {
  auto s = signup("hal_7");
  std::string bearer = "Bearer " + std::string(s.at("accessToken").as_string());
  auto created = call(http::Method::kPost, "/v1/auth/api-keys",
                      R"({"name":"ci","scopes":["gallery:write"]})", {{"authorization", bearer}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto key = json::parse(created.body).as_object();
  std::string secret(key.at("key").as_string());
  std::string id(key.at("id").as_string());
  EXPECT_EQ(secret.rfind("sp_", 0), 0u);
  auto list = call(http::Method::kGet, "/v1/auth/api-keys", {}, {{"authorization", bearer}});
  EXPECT_EQ(list.body.find(secret), std::string::npos) << "the key is shown only once";
  // An API key cannot manage API keys unless it has the scope; sessions need a session token.
  auto with_key =
      call(http::Method::kGet, "/v1/auth/api-keys", {}, {{"authorization", "Bearer " + secret}});
  EXPECT_TRUE(with_key.status == 200 || with_key.status == 403) << with_key.status;
  auto revoke =
      call(http::Method::kDelete, "/v1/auth/api-keys/" + id, {}, {{"authorization", bearer}});
  EXPECT_EQ(revoke.status, 204) << revoke.body;
  auto after =
      call(http::Method::kGet, "/v1/auth/api-keys", {}, {{"authorization", "Bearer " + secret}});
  EXPECT_EQ(after.status, 401);
}

TEST_P(AuthApi, NoSecretFromTheseRequestsAppearsInTheLog) {
  auto s = signup("ivy_8", true);
  std::string refresh(s.at("refreshToken").as_string());
  call(http::Method::kPost, "/v1/auth/login",
       R"({"login":"ivy_8","password":"violet-harbor-lantern-42"})");
  call(http::Method::kPost, "/v1/auth/refresh",
       json::serialize(json::object{{"refreshToken", refresh}}));
  call(http::Method::kPost, "/v1/auth/password/forgot", R"({"email":"ivy_8@example.com"})");
  std::string log = server_->log();
  EXPECT_NE(log.find("\"msg\":\"audit\""), std::string::npos) << "audit lines expected";
  EXPECT_EQ(log.find(kPassword), std::string::npos);
  EXPECT_EQ(log.find(refresh), std::string::npos);
  EXPECT_EQ(log.find(std::string(s.at("accessToken").as_string())), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthApi, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

TEST(AuthTarget, ServesAuthAndOperationsOnly) {
  ServerProcessOptions o;
  o.args = {"serve", "--target=auth"};
  ServerProcess server(o);
  ASSERT_TRUE(server.started()) << server.log();
  auto client = http::HttpClient::create();
  auto health = client->send({http::Method::kGet, server.base_url() + "/healthz", {}, {}});
  ASSERT_TRUE(health.ok());
  EXPECT_EQ(health->status, 200);
  auto jwks = client->send(
      {http::Method::kGet, server.base_url() + "/v1/auth/.well-known/jwks.json", {}, {}});
  EXPECT_EQ(jwks->status, 200);
  auto gallery = client->send({http::Method::kGet, server.base_url() + "/v1/gallery/feed", {}, {}});
  EXPECT_EQ(gallery->status, 404);
}

TEST(AuthTarget, AnUnknownTargetIsRefusedClearly) {
  // Which planned targets are still unbuilt changes as services land; an unknown name never does.
  auto [status, out] = run_binary({"serve", "--target=no_such_service", "--listen=127.0.0.1:0"});
  EXPECT_NE(status, 0);
  EXPECT_NE(out.find("unknown target 'no_such_service'"), std::string::npos) << out;
}

}  // namespace
}  // namespace sp::testing
