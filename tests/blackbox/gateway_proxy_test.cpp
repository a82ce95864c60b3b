// The split deployment in miniature: `strangeprompt serve --target=gateway` in front of
// `strangeprompt serve --target=auth,profile`, both real binaries on loopback. Sign-up, login and
// profile reads go through the gateway's reverse proxy (contract G1) and come back intact.
#include <gtest/gtest.h>

#include "profile_client.hpp"

namespace sp::testing {
namespace {

using http::Method;

class GatewayProxy : public ::testing::Test {
 protected:
  void SetUp() override {
    backend_ = std::make_unique<ServerProcess>([] {
      ServerProcessOptions o = profile_server_options("sqlite");
      o.args = {"serve", "--target=auth,profile"};
      return o;
    }());
    ASSERT_TRUE(backend_->started()) << backend_->log();
    ServerProcessOptions g;
    g.args = {"serve", "--target=gateway"};
    g.env["STRANGEPROMPT_GATEWAY__UPSTREAMS__AUTH"] = backend_->base_url();
    g.env["STRANGEPROMPT_GATEWAY__UPSTREAMS__PROFILES"] = backend_->base_url();
    g.env["STRANGEPROMPT_GATEWAY__RATE_LIMIT__PER_SECOND"] = "0";
    gateway_ = std::make_unique<ServerProcess>(g);
    ASSERT_TRUE(gateway_->started()) << gateway_->log();
    api_ = std::make_unique<ProfileClient>(*gateway_);
  }

  std::unique_ptr<ServerProcess> backend_;
  std::unique_ptr<ServerProcess> gateway_;
  std::unique_ptr<ProfileClient> api_;
};

TEST_F(GatewayProxy, SignUpLoginAndProfileReadsGoThroughTheGateway) {
  TestUser ann = api_->sign_up("ann_gw");
  ASSERT_FALSE(ann.token.empty()) << gateway_->log() << backend_->log();

  auto login = api_->call(
      Method::kPost, "/v1/auth/login",
      R"({"login":"ann_gw@example.com","password":")" + std::string(kProfilePassword) + "\"}");
  ASSERT_EQ(login.status, 200) << login.body;
  json::object session = json::parse(login.body).as_object();
  EXPECT_TRUE(session.at("accessToken").is_string());
  // The refresh cookie set by auth reaches the client through the proxy.
  EXPECT_NE(login.header("set-cookie").find("="), std::string_view::npos);

  auto profile =
      api_->call(Method::kGet, "/v1/profiles/ann_gw", {}, {}, {{"x-request-id", "gw-blackbox-1"}});
  ASSERT_EQ(profile.status, 200) << profile.body;
  EXPECT_EQ(json::parse(profile.body).at("handle").as_string(), "ann_gw");
  EXPECT_EQ(profile.header("x-request-id"), "gw-blackbox-1");
  // The backend logged the same request id: it was forwarded, not replaced.
  EXPECT_NE(backend_->log_containing("gw-blackbox-1").find("gw-blackbox-1"), std::string::npos);
  const std::string etag(profile.header("etag"));
  ASSERT_FALSE(etag.empty());
  auto again = api_->call(Method::kGet, "/v1/profiles/ann_gw", {}, {}, {{"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);

  // Authenticated calls carry the bearer token through.
  auto keys = api_->call(Method::kGet, "/v1/auth/.well-known/jwks.json");
  EXPECT_EQ(keys.status, 200);
  EXPECT_EQ(api_->call(Method::kGet, "/v1/profiles/nobody_gw").status, 404);
  // Bad input still gets the service's own problem+json, unchanged.
  auto bad = api_->call(Method::kPost, "/v1/auth/login", "{not json");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.header("content-type"), "application/problem+json");
}

TEST_F(GatewayProxy, AStoppedBackendIsA502ProblemNotAHang) {
  backend_->stop();
  auto r = api_->call(Method::kGet, "/v1/profiles/ann_gw");
  EXPECT_EQ(r.status, 502) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
}

}  // namespace
}  // namespace sp::testing
