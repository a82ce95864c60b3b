#pragma once
// The fixture of the route tests: the /v1/auth routes called through the server's pipeline with
// Request values, plus readers for cookies, problem+json and JSON bodies.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "strangeprompt/http/testing/problem.hpp"
#include "support/auth_harness.hpp"
#include "support/json_view.hpp"

namespace sp::auth::testing {

inline const std::string kSignupBody =
    R"({"email":"ada@example.com","handle":"ada","password":"correct horse battery staple"})";

class RouteTest : public ::testing::Test {
 protected:
  http::Response post(std::string path, std::string body) {
    return h_.send(json_request(http::Method::kPost, std::move(path), std::move(body)));
  }
  http::Response sign_up() { return post("/v1/auth/signup", kSignupBody); }
  static std::string refresh_token_of(const http::Response& r) {
    std::string cookie(r.header("set-cookie"));
    return cookie.substr(11, cookie.find(';') - 11);  // after "sp_refresh="
  }
  static http::Request with_cookie(http::Request r, const std::string& token,
                                   std::string origin = "http://localhost:8080") {
    r.headers.emplace_back("cookie", "theme=dark; sp_refresh=" + token);
    if (!origin.empty()) r.headers.emplace_back("origin", origin);
    return r;
  }
  static std::vector<std::string> problem_fields(const http::Response& r) {
    return http::testing::problem_fields(r);
  }
  // Status, content-type application/problem+json and the body's "status".
  static void expect_problem(const http::Response& r, int status) {
    EXPECT_TRUE(http::testing::is_problem(r, status));
  }

  AuthHarness h_;
};

}  // namespace sp::auth::testing
