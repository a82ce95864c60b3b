// API keys across processes (contract G2): `--target=auth` and `--target=profile` run as two
// processes with their own data dirs on the PostgreSQL that the ctest fixture starts, sharing the
// PostgreSQL event log. A key created at auth works at profile through auth's introspection
// endpoint, stops working there once revoked and the (small) cache TTL passed; a wrong internal
// token is refused by auth, and a profile that cannot get an answer says 503, never yes.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "profile_client.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"

namespace sp::testing {
namespace {

using http::Method;
using Clock = std::chrono::steady_clock;

constexpr const char* kInternalToken = "split-test-internal-token-0123456789";
constexpr int kCacheMs = 300;

class SplitAuth : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = db::testing::backend_unavailable_reason("postgres")) GTEST_SKIP() << *why;
    base_ = profile_server_options("postgres");
    ServerProcessOptions a = base_;
    a.args = {"serve", "--target=auth"};
    a.env["STRANGEPROMPT_INTERNAL__TOKEN"] = kInternalToken;
    auth_ = std::make_unique<ServerProcess>(a);
    ASSERT_TRUE(auth_->started()) << auth_->log();
    profile_ = start_profile(kInternalToken);
    ASSERT_TRUE(profile_->started()) << profile_->log();
    at_auth_ = std::make_unique<ProfileClient>(*auth_);
    at_profile_ = std::make_unique<ProfileClient>(*profile_);
  }

  std::unique_ptr<ServerProcess> start_profile(const std::string& internal_token) {
    ServerProcessOptions p = base_;
    p.args = {"serve", "--target=profile"};
    p.env["STRANGEPROMPT_AUTH__JWKS_URL"] = auth_->base_url() + "/v1/auth/.well-known/jwks.json";
    p.env["STRANGEPROMPT_AUTH__INTROSPECTION_URL"] = auth_->base_url();
    p.env["STRANGEPROMPT_AUTH__INTROSPECTION_CACHE_MS"] = std::to_string(kCacheMs);
    p.env["STRANGEPROMPT_INTERNAL__TOKEN"] = internal_token;
    return std::make_unique<ServerProcess>(p);
  }

  // Signs up at auth and waits until the profile process has the profile (user.signup arrived).
  TestUser sign_up(const std::string& handle) {
    auto r = at_auth_->call(Method::kPost, "/v1/auth/signup",
                            R"({"email":")" + handle + R"(@example.com","handle":")" + handle +
                                R"(","password":")" + kProfilePassword + "\"}");
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {};
    json::object body = json::parse(r.body).as_object();
    EXPECT_TRUE(at_profile_->wait_for_status("/v1/profiles/" + handle, 200));
    return {std::string(body.at("user").at("id").as_string()), handle,
            std::string(body.at("accessToken").as_string())};
  }

  // {id, key} of a new API key of `user` with `scopes` (a JSON array).
  std::pair<std::string, std::string> create_key(const TestUser& user, const std::string& scopes) {
    auto r = at_auth_->call(Method::kPost, "/v1/auth/api-keys",
                            R"({"name":"split","scopes":)" + scopes + "}", user.token);
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {};
    json::object o = json::parse(r.body).as_object();
    return {std::string(o.at("id").as_string()), std::string(o.at("key").as_string())};
  }

  http::ClientResponse introspect(const std::string& body, const std::string& token) {
    http::Headers h{{"content-type", "application/json"}};
    if (!token.empty()) h.emplace_back("authorization", "Bearer " + token);
    auto r = http::HttpClient::create()->send(
        {Method::kPost, auth_->base_url() + "/internal/v1/auth/introspect", h, body});
    return r.ok() ? std::move(*r) : http::ClientResponse{};
  }

  ServerProcessOptions base_;
  std::unique_ptr<ServerProcess> auth_;
  std::unique_ptr<ServerProcess> profile_;
  std::unique_ptr<ProfileClient> at_auth_;
  std::unique_ptr<ProfileClient> at_profile_;
};

TEST_F(SplitAuth, AKeyMadeAtAuthWorksAtProfileUntilRevokedAndTheCacheTtlPassed) {
  const TestUser ann = sign_up("ann_split");
  ASSERT_FALSE(ann.token.empty());
  const auto [key_id, key] = create_key(ann, R"(["profile:write"])");
  ASSERT_FALSE(key.empty());

  auto patched =
      at_profile_->call(Method::kPatch, "/v1/profiles/me", R"({"bio":"via a key"})", key);
  ASSERT_EQ(patched.status, 200) << patched.body;
  auto me = at_profile_->get_object("/v1/profiles/me", key);
  ASSERT_TRUE(me.contains("bio")) << "GET /v1/profiles/me with the key failed";
  EXPECT_EQ(me.at("bio").as_string(), "via a key");
  EXPECT_EQ(me.at("handle").as_string(), "ann_split");

  // The key's scopes travel with the answer: a key without profile:write may not write.
  const auto [other_id, read_only] = create_key(ann, R"(["gallery:write"])");
  EXPECT_EQ(
      at_profile_->call(Method::kPatch, "/v1/profiles/me", R"({"bio":"x"})", read_only).status,
      403);

  auto revoked = at_auth_->call(Method::kDelete, "/v1/auth/api-keys/" + key_id, {}, ann.token);
  ASSERT_EQ(revoked.status, 204) << revoked.body;
  const auto revoked_at = Clock::now();
  int status = 0;
  sp::testing::eventually(
      [&] {
        status = at_profile_->call(Method::kGet, "/v1/profiles/me", {}, key).status;
        if (status == 401) return true;
        EXPECT_EQ(status, 200) << "only the cached yes or a 401 are possible";
        return false;
      },
      std::chrono::seconds(10));
  const auto took =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - revoked_at).count();
  ASSERT_EQ(status, 401) << "the revoked key still works at profile after " << took << " ms";
  // Bounded by the TTL (plus a request's time); generous for a loaded machine.
  EXPECT_LT(took, kCacheMs + 3000);
  auto refused = at_profile_->call(Method::kPatch, "/v1/profiles/me", R"({"bio":"x"})", key);
  EXPECT_EQ(refused.status, 401) << refused.body;
  EXPECT_EQ(refused.header("content-type"), "application/problem+json");

  // Keys are never logged by either process.
  EXPECT_EQ(auth_->log().find(key), std::string::npos);
  EXPECT_EQ(profile_->log().find(key), std::string::npos);
}

TEST_F(SplitAuth, IntrospectionNeedsTheInternalTokenAndAnswersActiveOrNot) {
  const TestUser bob = sign_up("bob_split");
  const auto [key_id, key] = create_key(bob, R"(["profile:write"])");
  ASSERT_FALSE(key.empty());
  const std::string body = R"({"key":")" + key + "\"}";

  for (const std::string& token :
       {std::string(), std::string("wrong-token-0123456789"), std::string(kInternalToken) + "x"}) {
    auto r = introspect(body, token);
    EXPECT_EQ(r.status, 401) << "token '" << token << "': " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    EXPECT_EQ(r.body.find("\"active\""), std::string::npos) << r.body;
  }
  auto yes = introspect(body, kInternalToken);
  ASSERT_EQ(yes.status, 200) << yes.body;
  json::object o = json::parse(yes.body).as_object();
  EXPECT_TRUE(o.at("active").as_bool());
  EXPECT_EQ(o.at("userId").as_string(), bob.id);
  EXPECT_EQ(o.at("scopes").as_array().size(), 1u);
  EXPECT_TRUE(o.at("expiresAt").is_null());

  auto no = introspect(R"({"key":"sp_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})",
                       kInternalToken);
  ASSERT_EQ(no.status, 200) << no.body;
  EXPECT_EQ(json::parse(no.body).as_object(), json::parse(R"({"active":false})").as_object());
  auto bad = introspect(R"({"kee":1})", kInternalToken);
  EXPECT_EQ(bad.status, 400) << bad.body;
  auto typed = http::HttpClient::create()->send(
      {Method::kPost,
       auth_->base_url() + "/internal/v1/auth/introspect",
       {{"content-type", "text/plain"}, {"authorization", std::string("Bearer ") + kInternalToken}},
       body});
  ASSERT_TRUE(typed.ok());
  EXPECT_EQ(typed->status, 415) << typed->body;

  // A profile process holding the wrong internal token cannot check keys: 503, never a yes.
  auto misconfigured = start_profile("not-the-internal-token-0123");
  ASSERT_TRUE(misconfigured->started()) << misconfigured->log();
  ProfileClient at_misconfigured(*misconfigured);
  auto r = at_misconfigured.call(Method::kGet, "/v1/profiles/me", {}, key);
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_EQ(auth_->log().find(key), std::string::npos);
  EXPECT_EQ(misconfigured->log().find(key), std::string::npos);
}

TEST_F(SplitAuth, WithAuthDownAKeyIsAnsweredWith503) {
  const TestUser cay = sign_up("cay_split");
  const auto [key_id, key] = create_key(cay, R"(["profile:write"])");
  ASSERT_FALSE(key.empty());
  ASSERT_EQ(auth_->stop(), 0);
  auto r = at_profile_->call(Method::kGet, "/v1/profiles/me", {}, key);
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
}

}  // namespace
}  // namespace sp::testing
