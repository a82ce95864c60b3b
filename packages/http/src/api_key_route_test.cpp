// RouteOptions::api_keys through the pipeline: routes may refuse API-key principals.
#include <gtest/gtest.h>

#include "pipeline.hpp"

namespace sp::http {
namespace {

Route route(bool api_keys, AuthMode auth = AuthMode::kRequired) {
  Route r{Method::kGet, "/v1/x", [](Request&) { return Response::text(200, "ran"); }, {}};
  r.options.auth = auth;
  r.options.api_keys = api_keys;
  r.options.name = "/v1/x";
  return r;
}

// "Bearer session" signs in with a session, "Bearer key" with an API key.
Result<Principal> authenticate(std::string_view authorization) {
  Principal p;
  p.user_id = 7;
  if (authorization == "Bearer key") {
    p.via_api_key = true;
    return p;
  }
  if (authorization == "Bearer session") return p;
  return Error::unauthenticated("invalid token");
}

Response call(const Route& r, std::string authorization) {
  Request request;
  request.headers = {{"authorization", std::move(authorization)}};
  return run_route(r, request, authenticate, "test");
}

TEST(ApiKeyRouteOption, RouteThatRefusesKeysAnswers403ToAKey) {
  Response r = call(route(false), "Bearer key");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_NE(r.body.find("API keys"), std::string::npos);
}

TEST(ApiKeyRouteOption, RouteThatRefusesKeysServesSessions) {
  EXPECT_EQ(call(route(false), "Bearer session").status, 200);
}

TEST(ApiKeyRouteOption, RoutesAcceptKeysByDefault) {
  EXPECT_TRUE(RouteOptions{}.api_keys);
  EXPECT_EQ(call(route(true), "Bearer key").status, 200);
}

TEST(ApiKeyRouteOption, AppliesToOptionalAuthToo) {
  EXPECT_EQ(call(route(false, AuthMode::kOptional), "Bearer key").status, 403);
}

}  // namespace
}  // namespace sp::http
