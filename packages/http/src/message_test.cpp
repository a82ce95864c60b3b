#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "strangeprompt/http/message.hpp"

namespace sp::http {
namespace {

namespace json = boost::json;

Request with_query(std::string query) {
  Request r;
  r.query = std::move(query);
  return r;
}

TEST(Request, HeaderLookupIgnoresCase) {
  Request r;
  r.headers = {{"content-type", "application/json"}, {"x-a", "1"}, {"x-a", "2"}};
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  EXPECT_EQ(r.header("X-A"), "1");
  EXPECT_EQ(r.header("missing"), "");
}

TEST(Request, ParamReturnsRouterParameterOrEmpty) {
  Request r;
  r.params = {{"id", "42"}};
  EXPECT_EQ(r.param("id"), "42");
  EXPECT_EQ(r.param("other"), "");
}

TEST(Request, QueryParamTable) {
  struct Case {
    std::string query, name;
    std::optional<std::string> want;
  };
  const Case cases[] = {
      {"a=1&b=2", "b", "2"},
      {"q=hello%20world", "q", "hello world"},
      {"q=a+b", "q", "a b"},
      {"q=100%25", "q", "100%"},
      {"flag&x=1", "flag", ""},
      {"x=1&x=2", "x", "1"},
      {"%61=encoded-key", "a", "encoded-key"},
      {"a=1", "b", std::nullopt},
      {"", "a", std::nullopt},
      {"&&a=3&", "a", "3"},
      {"ab=1", "a", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(with_query(c.query).query_param(c.name), c.want) << c.query << " / " << c.name;
  }
}

TEST(Request, CookieTable) {
  struct Case {
    std::string header, name;
    std::optional<std::string> want;
  };
  const Case cases[] = {
      {"a=1; session=xyz; b=2", "session", "xyz"},
      {"session=xyz", "session", "xyz"},
      {" a = 1 ;b=\"quoted\"", "b", "quoted"},
      {"a=1", "A", std::nullopt},
      {"xsession=1; session=2", "session", "2"},
      {"broken; a=1", "a", "1"},
      {"a=", "a", ""},
  };
  for (const Case& c : cases) {
    Request r;
    r.headers = {{"cookie", c.header}};
    EXPECT_EQ(r.cookie(c.name), c.want) << c.header << " / " << c.name;
  }
}

TEST(Response, SetHeaderReplacesCaseInsensitively) {
  Response r = Response::json(200, "{}");
  r.set_header("Content-Type", "application/vnd+json");
  r.set_header("x-new", "1");
  EXPECT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.header("content-type"), "application/vnd+json");
  EXPECT_EQ(r.header("X-New"), "1");
}

TEST(Response, ConstructorsSetStatusTypeAndBody) {
  Response j = Response::json(201, R"({"id":"1"})");
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.header("content-type"), "application/json");
  EXPECT_EQ(j.body, R"({"id":"1"})");
  Response t = Response::text(200, "hi");
  EXPECT_EQ(t.header("content-type"), "text/plain; charset=utf-8");
  Response n = Response::no_content();
  EXPECT_EQ(n.status, 204);
  EXPECT_TRUE(n.body.empty());
}

TEST(StatusFor, EveryErrorCodeHasItsStatus) {
  const std::pair<ErrorCode, int> table[] = {
      {ErrorCode::kInvalidArgument, 400},  {ErrorCode::kUnauthenticated, 401},
      {ErrorCode::kPermissionDenied, 403}, {ErrorCode::kNotFound, 404},
      {ErrorCode::kConflict, 409},         {ErrorCode::kGone, 410},
      {ErrorCode::kPayloadTooLarge, 413},  {ErrorCode::kUnsupportedMedia, 415},
      {ErrorCode::kUnprocessable, 422},    {ErrorCode::kRateLimited, 429},
      {ErrorCode::kUnavailable, 503},      {ErrorCode::kNotSupported, 501},
      {ErrorCode::kInternal, 500},
  };
  for (const auto& [code, status] : table) {
    EXPECT_EQ(status_for(code), status) << to_string(code);
    EXPECT_EQ(Response::problem(Error{code, "m"}).status, status) << to_string(code);
  }
}

TEST(Problem, BodyIsRfc9457Json) {
  Response r = Response::problem(Error::not_found("post 7 not found"), "/v1/gallery/posts/7");
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  json::object body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "https://strangeprompt.dev/problems/not-found");
  EXPECT_EQ(body.at("title").as_string(), "Not Found");
  EXPECT_EQ(body.at("status").as_int64(), 404);
  EXPECT_EQ(body.at("detail").as_string(), "post 7 not found");
  EXPECT_EQ(body.at("instance").as_string(), "/v1/gallery/posts/7");
  EXPECT_FALSE(body.contains("errors"));
}

TEST(Problem, InternalDetailNeverReachesTheBody) {
  Response r = Response::problem(Error::internal_error("SQLITE_CORRUPT at page 12"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("SQLITE"), std::string::npos);
  json::object body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "about:blank");
  EXPECT_FALSE(body.contains("instance"));
}

TEST(Problem, FieldErrorsBecomeErrorsArray) {
  Error e = Error::invalid("validation failed");
  e.fields = {{"email", "must be an email"}, {"handle", "taken \"x\""}};
  json::object body = json::parse(Response::problem(e).body).as_object();
  const json::array& errors = body.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("field").as_string(), "email");
  EXPECT_EQ(errors[1].at("message").as_string(), "taken \"x\"");
}

TEST(Problem, RetryAfterHeaderOnlyWhenSet) {
  EXPECT_EQ(Response::problem(Error::unavailable("busy", 3)).header("retry-after"), "3");
  Error limited{ErrorCode::kRateLimited, "slow down"};
  EXPECT_EQ(Response::problem(limited).header("retry-after"), "");
  limited.retry_after_seconds = 30;
  EXPECT_EQ(Response::problem(limited).header("retry-after"), "30");
}

TEST(Principal, HasScope) {
  Principal p;
  p.scopes = {"posts:write", "profile:read"};
  EXPECT_TRUE(p.has_scope("posts:write"));
  EXPECT_FALSE(p.has_scope("posts"));
}

TEST(BearerCredential, Table) {
  struct Case {
    const char* header;
    std::optional<std::string_view> credential;
  } cases[] = {
      {"Bearer abc.def", "abc.def"}, {"bearer sp_x", "sp_x"},      {"BEARER  tok  ", "tok"},
      {"Bearer ", std::nullopt},     {"Bearer    ", std::nullopt}, {"Basic dXNlcg==", std::nullopt},
      {"Bearerabc", std::nullopt},   {"", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(bearer_credential(c.header), c.credential) << c.header;
}

}  // namespace
}  // namespace sp::http
