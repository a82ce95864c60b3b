// The test client answers as the server's pipeline does: these are the cases a hand-written
// dispatcher got wrong (405 as 400, no WWW-Authenticate, scopes unchecked, a throw escaping).
#include "strangeprompt/http/testing/test_client.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "strangeprompt/http/testing/json_body.hpp"
#include "strangeprompt/http/testing/problem.hpp"

namespace sp::http::testing {
namespace {

class TestClientTest : public ::testing::Test {
 protected:
  TestClientTest() {
    router_.add(Method::kGet, "/things/{id}", [](Request& r) {
      return Response::json(200, "{\"id\":\"" + std::string(r.param("id")) + "\",\"q\":\"" +
                                     r.query_param("q").value_or("") + "\"}");
    });
    router_.add(Method::kPost, "/things", [](Request&) { return Response::json(201, "{}"); });
    router_.add(
        Method::kGet, "/mine",
        [](Request& r) {
          return Response::json(200, "{\"user\":" + std::to_string(r.principal->user_id) + "}");
        },
        mine_options());
    router_.add(Method::kGet, "/boom",
                [](Request&) -> Response { throw std::runtime_error("handler bug"); });
  }

  static RouteOptions mine_options() {
    RouteOptions o;
    o.auth = AuthMode::kRequired;
    o.scopes = {"things:read"};
    return o;
  }
  static Principal principal(int64_t user, std::string scope) {
    Principal p;
    p.user_id = user;
    p.scopes = {std::move(scope)};
    return p;
  }

  static Result<Principal> authenticate(std::string_view authorization) {
    if (authorization == "Bearer reader") return principal(7, "things:read");
    if (authorization == "Bearer writer") return principal(8, "things:write");
    return Error::unauthenticated("bad token");
  }

  Router router_;
  TestClient client_{router_, &TestClientTest::authenticate};
};

TEST_F(TestClientTest, RoutesWithPathParametersAndQuery) {
  Response r = client_.send(with_query(request(Method::kGet, "/things/42"), "q", "a b&c"));
  ASSERT_EQ(r.status, 200) << r.body;
  JsonBody body(r.body);
  EXPECT_EQ(body.text("id"), "42");
  EXPECT_EQ(body.text("q"), "a b&c");
}

TEST_F(TestClientTest, UnknownPathIs404Problem) {
  EXPECT_TRUE(is_problem(client_.send(request(Method::kGet, "/nowhere")), 404));
}

TEST_F(TestClientTest, WrongMethodIs405WithAllow) {
  Response r = client_.send(json_request(Method::kDelete, "/things", "{}"));
  EXPECT_TRUE(is_problem(r, 405));
  EXPECT_EQ(r.header("allow"), "POST");
}

TEST_F(TestClientTest, MissingCredentialsAre401WithChallenge) {
  Response r = client_.send(request(Method::kGet, "/mine"));
  EXPECT_TRUE(is_problem(r, 401));
  EXPECT_EQ(r.header("www-authenticate"), "Bearer");
}

TEST_F(TestClientTest, BadCredentialsAre401WithChallenge) {
  Response r = client_.send(with_bearer(request(Method::kGet, "/mine"), "forged"));
  EXPECT_TRUE(is_problem(r, 401));
  EXPECT_EQ(r.header("www-authenticate"), "Bearer");
}

TEST_F(TestClientTest, MissingScopeIs403) {
  Response r = client_.send(with_bearer(request(Method::kGet, "/mine"), "writer"));
  EXPECT_TRUE(is_problem(r, 403));
  EXPECT_NE(problem_detail(r).find("things:read"), std::string::npos) << r.body;
}

TEST_F(TestClientTest, PrincipalReachesTheHandler) {
  Response r = client_.send(with_bearer(request(Method::kGet, "/mine"), "reader"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonBody(r.body).integer("user"), 7);
}

TEST_F(TestClientTest, ThrowingHandlerIs500Problem) {
  Response r = client_.send(request(Method::kGet, "/boom"));
  EXPECT_TRUE(is_problem(r, 500));
  EXPECT_EQ(r.body.find("handler bug"), std::string::npos) << "internal detail leaked";
}

TEST(RequestBuilders, ComposeHeadersCookiesAndBody) {
  Request r = with_cookies(
      with_header(json_request(Method::kPost, "/x", "{\"a\":1}"), "Origin", "http://localhost"),
      "a=1; b=2");
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("origin"), "http://localhost");
  EXPECT_EQ(r.cookie("b"), "2");
  EXPECT_EQ(r.body, "{\"a\":1}");
}

TEST(ProblemAssertions, ReportWrongStatusAndContentType) {
  Response ok = Response::json(200, "{}");
  EXPECT_FALSE(is_problem(ok, 200));
  Response problem = Response::problem(Error::invalid("bad"));
  EXPECT_TRUE(is_problem(problem, 400));
  EXPECT_FALSE(is_problem(problem, 404));
}

TEST(ProblemAssertions, FieldsOfErrorsInOrder) {
  Response r = Response::json(400, R"({"status":400,"errors":[{"field":"email","message":"m"},)"
                                   R"({"field":"params.steps","message":"m"}]})");
  EXPECT_EQ(problem_fields(r), (std::vector<std::string>{"email", "params.steps"}));
}

TEST(JsonBodyReader, ReadsDottedPaths) {
  JsonBody body(R"({"a":{"b":[1,{"c":"x"}],"n":null,"t":true}})");
  ASSERT_TRUE(body.valid());
  EXPECT_EQ(body.integer("a.b.0"), 1);
  EXPECT_EQ(body.text("a.b.1.c"), "x");
  EXPECT_TRUE(body.is_null("a.n"));
  EXPECT_EQ(body.boolean("a.t"), true);
  EXPECT_EQ(body.size("a.b"), 2U);
  EXPECT_EQ(body.keys("a"), (std::vector<std::string>{"b", "n", "t"}));
  EXPECT_FALSE(body.has("a.b.2"));
  EXPECT_FALSE(JsonBody("not json").valid());
}

}  // namespace
}  // namespace sp::http::testing
