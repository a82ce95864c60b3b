// AuthHarness answers as the server does (it sends through http::testing::TestClient): the cases
// its earlier hand-written dispatcher got wrong.
#include <gtest/gtest.h>

#include "strangeprompt/http/testing/problem.hpp"
#include "support/auth_harness.hpp"

namespace sp::auth::testing {
namespace {

TEST(AuthHarnessPipeline, WrongMethodIs405WithAllow) {
  AuthHarness h;
  http::Response r = h.send(json_request(http::Method::kGet, "/v1/auth/signup", ""));
  EXPECT_TRUE(http::testing::is_problem(r, 405));
  EXPECT_EQ(r.header("allow"), "POST");
}

TEST(AuthHarnessPipeline, MissingTokenIs401WithBearerChallenge) {
  AuthHarness h;
  http::Response r = h.send(json_request(http::Method::kGet, "/v1/auth/sessions", ""));
  EXPECT_TRUE(http::testing::is_problem(r, 401));
  EXPECT_EQ(r.header("www-authenticate"), "Bearer");
}

TEST(AuthHarnessPipeline, ForgedTokenIs401WithBearerChallenge) {
  AuthHarness h;
  http::Response r =
      h.send(with_bearer(json_request(http::Method::kGet, "/v1/auth/sessions", ""), "forged"));
  EXPECT_TRUE(http::testing::is_problem(r, 401));
  EXPECT_EQ(r.header("www-authenticate"), "Bearer");
}

}  // namespace
}  // namespace sp::auth::testing
