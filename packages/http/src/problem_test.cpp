// problem+json: one builder for Error answers and bare statuses; the errors extension member.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "pipeline.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::http {
namespace {

boost::json::object parse_object(const std::string& text) {
  return boost::json::parse(text).as_object();
}

TEST(Problem, ListsEveryInvalidFieldInAnErrorsArray) {
  Error e = Error::invalid("invalid request body");
  e.fields = {{"params.steps", "must be between 1 and 150"}, {"title", "is required"}};
  Response r = Response::problem(e, "/v1/gallery/posts");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_EQ(
      r.body,
      R"({"type":"https://strangeprompt.dev/problems/invalid-argument","title":"Bad Request",)"
      R"("status":400,"detail":"invalid request body","instance":"/v1/gallery/posts",)"
      R"("errors":[{"field":"params.steps","message":"must be between 1 and 150"},)"
      R"({"field":"title","message":"is required"}]})");
}

TEST(Problem, NoErrorsMemberWithoutFieldErrors) {
  Response r = Response::problem(Error::not_found("no such post"));
  EXPECT_FALSE(parse_object(r.body).contains("errors"));
  EXPECT_FALSE(parse_object(r.body).contains("instance"));
}

TEST(Problem, InternalDetailNeverLeavesTheProcess) {
  Response r = Response::problem(Error::internal_error("SQLSTATE 23505 on users_email_key"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("SQLSTATE"), std::string::npos);
  EXPECT_EQ(parse_object(r.body).at("type").as_string(), "about:blank");
}

TEST(Problem, StatusProblemHasTheSameShape) {
  Response r = status_problem(405, "method not allowed for this resource");
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_EQ(r.body, R"({"type":"about:blank","title":"Method Not Allowed","status":405,)"
                    R"("detail":"method not allowed for this resource"})");
}

}  // namespace
}  // namespace sp::http
