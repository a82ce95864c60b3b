// Defects 2 and 3 of issue 7: an access token belongs to its session (sid). Once the session
// ends (log-out, "end session", password change or reset, refresh-token reuse) the token is
// refused, at once by this process's authenticator and, for operations on the account itself,
// by a check in the store that holds on every replica. "End every other session" keeps the
// caller's own session with a bearer token alone.
#include <gtest/gtest.h>

#include "handlers/routes.hpp"
#include "logic/auth_events.hpp"
#include "support/route_test.hpp"

namespace sp::auth {
namespace {

using http::Method;
using testing::json_object;
using testing::json_request;
using testing::text_of;
using testing::with_bearer;

constexpr const char* kLogin = R"({"login":"ada","password":"correct horse battery staple"})";
constexpr const char* kApiKeyBody = R"({"name":"ci","scopes":["gallery:write"]})";

class SessionRevocation : public testing::RouteTest {
 protected:
  struct Session {
    std::string access;
    std::string refresh;
  };
  Session session_of(const http::Response& r) {
    EXPECT_TRUE(r.status == 200 || r.status == 201) << r.body;
    return {text_of(json_object(r.body), "accessToken"), refresh_token_of(r)};
  }
  Session signed_up() { return session_of(sign_up()); }
  Session logged_in() { return session_of(post("/v1/auth/login", kLogin)); }

  http::Response as(const Session& s, Method method, std::string path, std::string body = "") {
    return h_.send(with_bearer(json_request(method, std::move(path), std::move(body)), s.access));
  }
  http::Principal principal_of(const Session& s) {
    auto principal = h_.runtime().authenticator().authenticate("Bearer " + s.access);
    EXPECT_TRUE(principal.ok());
    return principal.ok() ? *principal : http::Principal{};
  }
  // The route called with `principal` (taken before the session ended) already set, as a
  // replica whose authenticator has not heard of the end would call it: only the store check
  // stands in the way.
  http::Response with_stale_principal(const http::Principal& principal, Method method,
                                      std::string path, std::string body = "") {
    http::Request request = json_request(method, path, std::move(body));
    request.path = path;
    http::RouteMatch match = h_.router().match(request.method, path);
    EXPECT_NE(match.route, nullptr);
    request.params = match.params;
    request.principal = principal;
    return match.route->handler(request);
  }
  int64_t session_id_of(const Session& s) {
    auto principal = h_.runtime().authenticator().authenticate("Bearer " + s.access);
    return principal.ok() ? principal->session_id : 0;
  }
  std::vector<events::Envelope> ended_events() { return h_.events(kSessionEndedTopic); }
};

TEST_F(SessionRevocation, AnAccessTokenNamesItsSession) {
  const Session first = signed_up();
  const Session second = logged_in();
  EXPECT_NE(session_id_of(first), 0);
  EXPECT_NE(session_id_of(first), session_id_of(second));
  http::Response refreshed =
      post("/v1/auth/refresh", R"({"refreshToken":")" + first.refresh + "\"}");
  EXPECT_EQ(session_id_of({text_of(json_object(refreshed.body), "accessToken"), ""}),
            session_id_of(first));
}

TEST_F(SessionRevocation, AfterLogoutTheAccessTokenCannotCreateAKeyOrChangeThePassword) {
  const Session s = signed_up();
  http::Response out =
      h_.send(with_cookie(json_request(Method::kPost, "/v1/auth/logout", ""), s.refresh));
  ASSERT_EQ(out.status, 204);
  expect_problem(as(s, Method::kPost, "/v1/auth/api-keys", kApiKeyBody), 401);
  expect_problem(as(s, Method::kPost, "/v1/auth/password/change",
                    R"({"currentPassword":"correct horse battery staple",)"
                    R"("newPassword":"an entirely new passphrase"})"),
                 401);
  expect_problem(as(s, Method::kGet, "/v1/auth/sessions"), 401);
}

TEST_F(SessionRevocation, TheStoreRefusesAnEndedSessionWhereTheAuthenticatorHasNotHeard) {
  const Session s = signed_up();
  const Session other = logged_in();
  const http::Principal stale = principal_of(s);
  ASSERT_EQ(with_stale_principal(stale, Method::kPost, "/v1/auth/api-keys", kApiKeyBody).status,
            201);
  ASSERT_EQ(
      as(other, Method::kDelete, "/v1/auth/sessions/" + std::to_string(stale.session_id)).status,
      204);
  expect_problem(with_stale_principal(stale, Method::kPost, "/v1/auth/api-keys", kApiKeyBody), 401);
  expect_problem(with_stale_principal(stale, Method::kPost, "/v1/auth/password/change",
                                      R"({"currentPassword":"correct horse battery staple",)"
                                      R"("newPassword":"an entirely new passphrase"})"),
                 401);
  expect_problem(with_stale_principal(stale, Method::kDelete, "/v1/auth/sessions"), 401);
  expect_problem(with_stale_principal(stale, Method::kGet, "/v1/auth/sessions"), 401);
  expect_problem(with_stale_principal(stale, Method::kGet, "/v1/auth/api-keys"), 401);
}

TEST_F(SessionRevocation, AnEndedSessionsTokenIsRefusedByTheAuthenticatorAtOnce) {
  const Session s = signed_up();
  const Session other = logged_in();
  const int64_t sid = session_id_of(s);
  ASSERT_EQ(as(other, Method::kDelete, "/v1/auth/sessions/" + std::to_string(sid)).status, 204);
  auto refused = h_.runtime().authenticator().authenticate("Bearer " + s.access);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "session ended");
  EXPECT_TRUE(h_.runtime().authenticator().authenticate("Bearer " + other.access).ok());
  // Bounded: forgotten once every access token of the session has expired anyway.
  h_.clock().advance(h_.runtime().settings().access_ttl + h_.runtime().settings().token_leeway);
  EXPECT_EQ(h_.runtime().revoked_sessions().size(), 0u);
}

TEST_F(SessionRevocation, PasswordChangeEndsOtherSessionsAndRevokesApiKeys) {
  const Session mine = signed_up();
  const Session stolen = logged_in();
  const http::Principal stale = principal_of(stolen);
  http::Response key = as(mine, Method::kPost, "/v1/auth/api-keys", kApiKeyBody);
  ASSERT_EQ(key.status, 201);
  const std::string secret = text_of(json_object(key.body), "key");
  ASSERT_EQ(as(mine, Method::kPost, "/v1/auth/password/change",
               R"({"currentPassword":"correct horse battery staple",)"
               R"("newPassword":"an entirely new passphrase"})")
                .status,
            204);
  expect_problem(as(stolen, Method::kPost, "/v1/auth/api-keys", kApiKeyBody), 401);
  expect_problem(with_stale_principal(stale, Method::kGet, "/v1/auth/sessions"), 401);
  EXPECT_FALSE(h_.runtime().authenticator().authenticate("Bearer " + secret).ok());
  EXPECT_EQ(as(mine, Method::kPost, "/v1/auth/api-keys", kApiKeyBody).status, 201);
}

TEST_F(SessionRevocation, PasswordResetEndsEverySessionAndRevokesApiKeys) {
  const Session s = signed_up();
  http::Response key = as(s, Method::kPost, "/v1/auth/api-keys", kApiKeyBody);
  ASSERT_EQ(key.status, 201);
  post("/v1/auth/password/forgot", R"({"email":"ada@example.com"})");
  const std::string token = h_.last_event_field(kPasswordResetRequestedTopic, "resetToken");
  ASSERT_EQ(post("/v1/auth/password/reset",
                 R"({"token":")" + token + R"(","password":"an entirely new passphrase"})")
                .status,
            204);
  expect_problem(as(s, Method::kGet, "/v1/auth/sessions"), 401);
  EXPECT_FALSE(h_.runtime()
                   .authenticator()
                   .authenticate("Bearer " + text_of(json_object(key.body), "key"))
                   .ok());
}

TEST_F(SessionRevocation, RefreshTokenReuseEndsTheSessionsAccessTokens) {
  const Session s = signed_up();
  const std::string body = R"({"refreshToken":")" + s.refresh + "\"}";
  ASSERT_EQ(post("/v1/auth/refresh", body).status, 200);
  h_.clock().advance(std::chrono::seconds(10));         // past the reuse grace
  expect_problem(post("/v1/auth/refresh", body), 401);  // reuse: the family is revoked
  expect_problem(as(s, Method::kGet, "/v1/auth/sessions"), 401);
}

TEST_F(SessionRevocation, EverySessionEndIsPublishedWithItsReason) {
  const Session a = signed_up();
  const Session b = logged_in();
  const Session c = logged_in();
  const std::string c_id = std::to_string(session_id_of(c));
  ASSERT_EQ(as(a, Method::kDelete, "/v1/auth/sessions/" + std::to_string(session_id_of(b))).status,
            204);
  ASSERT_EQ(as(a, Method::kDelete, "/v1/auth/sessions").status, 204);
  h_.send(with_cookie(json_request(Method::kPost, "/v1/auth/logout", ""), a.refresh));
  const auto published = ended_events();
  ASSERT_EQ(published.size(), 3u);
  auto data = [&](std::size_t i) { return json_object(published[i].data_json); };
  EXPECT_EQ(text_of(data(0), "reason"), "user_revoked");
  EXPECT_EQ(data(0).at("sessionIds").as_array().size(), 1u);
  EXPECT_EQ(text_of(data(1), "reason"), "user_revoked");
  EXPECT_EQ(std::string(data(1).at("sessionIds").as_array()[0].as_string()), c_id);
  EXPECT_EQ(text_of(data(2), "reason"), "logout");
  EXPECT_EQ(published[2].key, text_of(data(2), "userId"));
}

// Defect 3: the access token says which session is the caller's.
TEST_F(SessionRevocation, EndingOtherSessionsWithABearerTokenAloneKeepsTheCallers) {
  const Session mine = signed_up();
  const Session other = logged_in();
  ASSERT_EQ(as(mine, Method::kDelete, "/v1/auth/sessions").status, 204);  // no refresh cookie
  EXPECT_EQ(post("/v1/auth/refresh", R"({"refreshToken":")" + mine.refresh + "\"}").status, 200);
  expect_problem(post("/v1/auth/refresh", R"({"refreshToken":")" + other.refresh + "\"}"), 401);
  EXPECT_EQ(as(mine, Method::kGet, "/v1/auth/sessions").status, 200);
}

TEST_F(SessionRevocation, TheCurrentSessionIsMarkedWithABearerTokenAlone) {
  const Session mine = signed_up();
  logged_in();
  http::Response r = as(mine, Method::kGet, "/v1/auth/sessions");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = json_object(r.body);
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  int current = 0;
  for (const auto& item : items) {
    if (item.at("current").as_bool()) {
      ++current;
      EXPECT_EQ(text_of(item.as_object(), "id"), std::to_string(session_id_of(mine)));
    }
  }
  EXPECT_EQ(current, 1);
}

}  // namespace
}  // namespace sp::auth
