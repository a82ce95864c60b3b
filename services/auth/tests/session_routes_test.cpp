// Session and API-key routes: refresh by cookie (with its Origin check) or body, log-out,
// session listing and ending, API-key life cycle.
#include <gtest/gtest.h>

#include "handlers/json_body.hpp"
#include "handlers/routes.hpp"
#include "support/route_test.hpp"

namespace sp::auth {
namespace {

using http::Method;
using testing::json_object;
using testing::json_request;
using testing::keys_of;
using testing::kSignupBody;
using testing::text_of;
using testing::with_bearer;
using SessionRoutes = testing::RouteTest;

TEST_F(SessionRoutes, CookieRefreshRotatesTheCookie) {
  const std::string token = refresh_token_of(sign_up());
  http::Response r =
      h_.send(with_cookie(json_request(Method::kPost, "/v1/auth/refresh", ""), token));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(refresh_token_of(r), token);
  EXPECT_FALSE(json_object(r.body).contains("refreshToken"));
  EXPECT_TRUE(json_object(r.body).contains("accessToken"));
}

TEST_F(SessionRoutes, CookieRefreshNeedsAnAllowedOrigin) {
  const std::string token = refresh_token_of(sign_up());
  auto request = json_request(Method::kPost, "/v1/auth/refresh", "");
  expect_problem(h_.send(with_cookie(request, token, "")), 403);
  expect_problem(h_.send(with_cookie(request, token, "https://evil.example")), 403);
  EXPECT_EQ(h_.send(with_cookie(request, token)).status, 200);  // the token was not spent
}

TEST_F(SessionRoutes, CookieRefreshAcceptsThePagesOwnOrigin) {
  // A page opened at http://127.0.0.1:8080 sends that Origin with Host 127.0.0.1:8080: its own
  // origin passes though auth.allowed_origins names only http://localhost:8080.
  const std::string token = refresh_token_of(sign_up());
  auto request = json_request(Method::kPost, "/v1/auth/refresh", "");
  request.headers.emplace_back("host", "127.0.0.1:8080");
  http::Response own = h_.send(with_cookie(request, token, "http://127.0.0.1:8080"));
  ASSERT_EQ(own.status, 200) << own.body;
  const std::string rotated = refresh_token_of(own);
  // Another origin, even one differing only in port or scheme, is still refused.
  expect_problem(h_.send(with_cookie(request, rotated, "http://127.0.0.1:9090")), 403);
  expect_problem(h_.send(with_cookie(request, rotated, "https://127.0.0.1:8080")), 403);
  expect_problem(h_.send(with_cookie(request, rotated, "https://evil.example")), 403);
  EXPECT_EQ(h_.send(with_cookie(request, rotated)).status, 200);  // configured origins still pass
}

TEST_F(SessionRoutes, BodyRefreshAnswersInTheBody) {
  const std::string token = refresh_token_of(sign_up());
  http::Response r = post("/v1/auth/refresh", R"({"refreshToken":")" + token + "\"}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("set-cookie"), "");
  const std::string next = text_of(json_object(r.body), "refreshToken");
  EXPECT_EQ(next.size(), 43u);
  // Within the reuse grace the old token answers the same successor, in the body again.
  http::Response again = post("/v1/auth/refresh", R"({"refreshToken":")" + token + "\"}");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(text_of(json_object(again.body), "refreshToken"), next);
  h_.clock().advance(std::chrono::seconds(10));  // then it is reuse
  expect_problem(post("/v1/auth/refresh", R"({"refreshToken":")" + token + "\"}"), 401);
}

TEST_F(SessionRoutes, RefreshWithoutATokenIs401) {
  expect_problem(post("/v1/auth/refresh", ""), 401);
  expect_problem(post("/v1/auth/refresh", R"({"refreshToken":7})"), 400);
}

TEST_F(SessionRoutes, LogoutClearsTheCookieAndEndsTheSession) {
  const std::string token = refresh_token_of(sign_up());
  http::Response r =
      h_.send(with_cookie(json_request(Method::kPost, "/v1/auth/logout", ""), token));
  EXPECT_EQ(r.status, 204);
  EXPECT_NE(std::string(r.header("set-cookie")).find("sp_refresh=; Path=/v1/auth; Max-Age=0"),
            std::string::npos);
  expect_problem(post("/v1/auth/refresh", R"({"refreshToken":")" + token + "\"}"), 401);
}

TEST_F(SessionRoutes, SessionsNeedASignedInCaller) {
  expect_problem(h_.send(json_request(Method::kGet, "/v1/auth/sessions", "")), 401);
}

TEST_F(SessionRoutes, SessionsListMarksTheCurrentOne) {
  http::Response signed_up = sign_up();
  const std::string access = text_of(json_object(signed_up.body), "accessToken");
  post("/v1/auth/login", R"({"login":"ada","password":"correct horse battery staple"})");
  auto request =
      with_cookie(with_bearer(json_request(Method::kGet, "/v1/auth/sessions", ""), access),
                  refresh_token_of(signed_up));
  http::Response r = h_.send(request);
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json_object(r.body);
  EXPECT_TRUE(body.at("next").is_null());
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(keys_of(items[0].as_object()),
            (std::vector<std::string>{"id", "userAgent", "address", "createdAt", "lastUsedAt",
                                      "expiresAt", "current"}));
  EXPECT_FALSE(items[0].at("current").as_bool());
  EXPECT_TRUE(items[1].at("current").as_bool());
  EXPECT_EQ(text_of(items[1].as_object(), "userAgent"), "test-client/1.0");
}

TEST_F(SessionRoutes, DeleteSessionsEndsAllButTheCurrent) {
  http::Response first = sign_up();
  const std::string access = text_of(json_object(first.body), "accessToken");
  http::Response second =
      post("/v1/auth/login", R"({"login":"ada","password":"correct horse battery staple"})");
  auto request =
      with_cookie(with_bearer(json_request(Method::kDelete, "/v1/auth/sessions", ""), access),
                  refresh_token_of(first));
  EXPECT_EQ(h_.send(request).status, 204);
  expect_problem(
      post("/v1/auth/refresh", R"({"refreshToken":")" + refresh_token_of(second) + "\"}"), 401);
  EXPECT_EQ(
      post("/v1/auth/refresh", R"({"refreshToken":")" + refresh_token_of(first) + "\"}").status,
      200);
}

TEST_F(SessionRoutes, DeleteASessionByIdAndUnknownIdsAre404) {
  http::Response first = sign_up();
  const std::string access = text_of(json_object(first.body), "accessToken");
  post("/v1/auth/login", R"({"login":"ada","password":"correct horse battery staple"})");
  auto list = h_.send(with_bearer(json_request(Method::kGet, "/v1/auth/sessions", ""), access));
  // The other session (newest first): ending the caller's own would end its access token too.
  const std::string id =
      text_of(json_object(list.body).at("items").as_array()[0].as_object(), "id");
  auto del = [&](const std::string& which) {
    return h_.send(
        with_bearer(json_request(Method::kDelete, "/v1/auth/sessions/" + which, ""), access));
  };
  expect_problem(del("not-an-id"), 404);
  expect_problem(del("12345"), 404);
  EXPECT_EQ(del(id).status, 204);
  expect_problem(del(id), 404);
}

TEST_F(SessionRoutes, ApiKeyLifecycle) {
  const std::string access = text_of(json_object(sign_up().body), "accessToken");
  http::Response created = h_.send(with_bearer(
      json_request(
          Method::kPost, "/v1/auth/api-keys",
          R"({"name":"ci","scopes":["gallery:write"],"expiresAt":"2099-01-01T00:00:00Z"})"),
      access));
  ASSERT_EQ(created.status, 201) << created.body;
  auto key = json_object(created.body);
  EXPECT_EQ(keys_of(key),
            (std::vector<std::string>{"id", "name", "prefix", "scopes", "createdAt", "expiresAt",
                                      "lastUsedAt", "revokedAt", "key"}));
  EXPECT_EQ(text_of(key, "expiresAt"), "2099-01-01T00:00:00.000Z");
  const std::string secret = text_of(key, "key");
  http::Response listed =
      h_.send(with_bearer(json_request(Method::kGet, "/v1/auth/api-keys", ""), secret));
  expect_problem(listed, 403);  // keys cannot manage keys
  listed = h_.send(with_bearer(json_request(Method::kGet, "/v1/auth/api-keys", ""), access));
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find(secret), std::string::npos);
  EXPECT_FALSE(json_object(listed.body).at("items").as_array()[0].as_object().contains("key"));
  http::Response revoked = h_.send(with_bearer(
      json_request(Method::kDelete, "/v1/auth/api-keys/" + text_of(key, "id"), ""), access));
  EXPECT_EQ(revoked.status, 204);
  expect_problem(h_.send(with_bearer(json_request(Method::kGet, "/v1/auth/sessions", ""), secret)),
                 401);
}

TEST_F(SessionRoutes, ApiKeyWithABadExpiryIs400) {
  const std::string access = text_of(json_object(sign_up().body), "accessToken");
  http::Response r = h_.send(with_bearer(
      json_request(Method::kPost, "/v1/auth/api-keys", R"({"name":"ci","expiresAt":"soon"})"),
      access));
  expect_problem(r, 400);
  EXPECT_EQ(problem_fields(r), std::vector<std::string>{"expiresAt"});
}
}  // namespace
}  // namespace sp::auth
