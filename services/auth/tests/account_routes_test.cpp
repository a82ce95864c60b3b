// Account and password routes: status codes, exact JSON field names, cookie flags, and
// problem+json for every kind of bad input.
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
using AccountRoutes = testing::RouteTest;

TEST_F(AccountRoutes, SignUpAnswersTheDocumentedShape) {
  http::Response r = sign_up();
  ASSERT_EQ(r.status, 201) << r.body;
  auto body = json_object(r.body);
  EXPECT_EQ(keys_of(body), (std::vector<std::string>{"user", "accessToken", "expiresIn"}));
  EXPECT_EQ(keys_of(body.at("user").as_object()),
            (std::vector<std::string>{"id", "handle", "email", "emailVerified"}));
  EXPECT_TRUE(body.at("user").at("id").is_string());
  EXPECT_EQ(body.at("expiresIn").as_int64(), 600);
  EXPECT_EQ(r.header("cache-control"), "no-store");
}

TEST_F(AccountRoutes, RefreshCookieFlags) {
  const std::string cookie(sign_up().header("set-cookie"));
  EXPECT_TRUE(cookie.starts_with("sp_refresh=")) << cookie;
  EXPECT_NE(cookie.find("; Path=/v1/auth"), std::string::npos);
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("; Max-Age=604800"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP
  auto tls = json_request(Method::kPost, "/v1/auth/login",
                          R"({"login":"ada","password":"correct horse battery staple"})");
  tls.secure = true;
  EXPECT_NE(std::string(h_.send(tls).header("set-cookie")).find("; Secure"), std::string::npos);
}

TEST_F(AccountRoutes, RefreshTokenIsInTheBodyOnlyWhenAskedFor) {
  EXPECT_FALSE(json_object(sign_up().body).contains("refreshToken"));
  http::Response r = post("/v1/auth/login", R"({"login":"ada",
      "password":"correct horse battery staple","returnRefreshToken":true})");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(text_of(json_object(r.body), "refreshToken"), refresh_token_of(r));
}

TEST_F(AccountRoutes, LoginFailureIsOneGeneric401) {
  sign_up();
  http::Response wrong = post("/v1/auth/login", R"({"login":"ada","password":"not it at all"})");
  http::Response unknown = post("/v1/auth/login", R"({"login":"bob","password":"not it at all"})");
  expect_problem(wrong, 401);
  EXPECT_EQ(json_object(wrong.body).at("detail"), json_object(unknown.body).at("detail"));
}

TEST_F(AccountRoutes, ThrottledLoginIs429WithRetryAfter) {
  sign_up();
  for (int i = 0; i < 6; ++i) post("/v1/auth/login", R"({"login":"ada","password":"wrong"})");
  http::Response r = post("/v1/auth/login", R"({"login":"ada","password":"wrong"})");
  expect_problem(r, 429);
  EXPECT_EQ(r.header("retry-after"), "1");
}

struct BadInput {
  const char* name;
  const char* body;
  int status;
  std::vector<std::string> fields;
};
void PrintTo(const BadInput& c, std::ostream* os) {
  *os << c.name;
}

class BadSignupInput : public AccountRoutes, public ::testing::WithParamInterface<BadInput> {};

TEST_P(BadSignupInput, IsAProblem) {
  http::Response r = post("/v1/auth/signup", GetParam().body);
  expect_problem(r, GetParam().status);
  EXPECT_EQ(problem_fields(r), GetParam().fields);
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadSignupInput,
    ::testing::Values(
        BadInput{"MalformedJson", R"({"email":)", 400, {}},
        BadInput{"NotAnObject", R"(["ada"])", 400, {}}, BadInput{"Empty", "", 400, {}},
        BadInput{"MissingFields", "{}", 400, {"email", "handle", "password"}},
        BadInput{"WrongTypes",
                 R"({"email":1,"handle":["ada"],"password":null})",
                 400,
                 {"email", "handle", "password"}},
        BadInput{"WrongFlagType",
                 R"({"email":"a@b.io","handle":"abc","password":"x","returnRefreshToken":"yes"})",
                 400,
                 {"returnRefreshToken"}},
        BadInput{"InvalidValues",
                 R"({"email":"nope","handle":"a!","password":"short"})",
                 400,
                 {"email", "handle", "password"}}),
    [](const auto& p) { return std::string(p.param.name); });

TEST_F(AccountRoutes, OversizedBodyIs413) {
  std::string huge = R"({"email":"ada@example.com","handle":"ada","password":")" +
                     std::string(JsonBody::kMaxBytes, 'x') + "\"}";
  expect_problem(post("/v1/auth/signup", huge), 413);
}

TEST_F(AccountRoutes, NonJsonContentTypeIs415) {
  auto r = json_request(Method::kPost, "/v1/auth/login", "login=ada&password=x");
  r.headers[0].second = "application/x-www-form-urlencoded";
  expect_problem(h_.send(r), 415);
}

TEST_F(AccountRoutes, PasswordForgotResetAndEmailVerify) {
  sign_up();
  EXPECT_EQ(post("/v1/auth/password/forgot", R"({"email":"ada@example.com"})").status, 202);
  EXPECT_EQ(post("/v1/auth/password/forgot", R"({"email":"nobody@example.com"})").status, 202);
  const std::string token = h_.last_event_field("user.password_reset_requested", "resetToken");
  http::Response reset = post("/v1/auth/password/reset",
                              R"({"token":")" + token + R"(","password":"a new passphrase!"})");
  EXPECT_EQ(reset.status, 204) << reset.body;
  expect_problem(post("/v1/auth/password/reset",
                      R"({"token":")" + token + R"(","password":"a new passphrase!"})"),
                 410);
  const std::string verification = h_.last_event_field("user.signup", "verificationToken");
  EXPECT_EQ(post("/v1/auth/email/verify", R"({"token":")" + verification + "\"}").status, 204);
  expect_problem(post("/v1/auth/email/verify", R"({"token":"nope"})"), 410);
}

TEST_F(AccountRoutes, PasswordChange) {
  const std::string access = text_of(json_object(sign_up().body), "accessToken");
  http::Response r = h_.send(with_bearer(
      json_request(
          Method::kPost, "/v1/auth/password/change",
          R"({"currentPassword":"correct horse battery staple","newPassword":"fresh passphrase 2"})"),
      access));
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(post("/v1/auth/login", R"({"login":"ada","password":"fresh passphrase 2"})").status,
            200);
}

TEST_F(AccountRoutes, JwksPublishesTheSigningKey) {
  http::Response r = h_.send(json_request(Method::kGet, "/v1/auth/.well-known/jwks.json", ""));
  ASSERT_EQ(r.status, 200);
  auto jwks = json_object(r.body);
  ASSERT_EQ(jwks.at("keys").as_array().size(), 1u);
  const auto& key = jwks.at("keys").as_array()[0].as_object();
  EXPECT_EQ(text_of(key, "kty"), "OKP");
  EXPECT_EQ(text_of(key, "crv"), "Ed25519");
  EXPECT_FALSE(key.contains("d"));  // never the private part
}

TEST_F(AccountRoutes, RoutesAnswer503BeforeTheServiceStarted) {
  http::Router router;
  register_auth_routes(router, [] { return static_cast<const AuthFlows*>(nullptr); });
  auto request = json_request(Method::kPost, "/v1/auth/login", "{}");
  http::Response r = router.match(Method::kPost, "/v1/auth/login").route->handler(request);
  EXPECT_EQ(r.status, 503);
}
}  // namespace
}  // namespace sp::auth
