// http::adapt: the shared Result -> Response adapter with its readiness gate and error log.
#include "strangeprompt/http/handler.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "strangeprompt/core/log.hpp"

namespace sp::http {
namespace {

struct Ctx {
  Result<Response> answer = Response::text(200, "ok");
};

Result<Response> handle(const Ctx& ctx, Request&) {
  return ctx.answer;
}

class Adapt : public ::testing::Test {
 protected:
  void SetUp() override {
    Logger::global().set_sink([this](std::string_view line) { lines_.emplace_back(line); });
  }
  void TearDown() override { Logger::global().set_sink(nullptr); }

  Response call(const Ctx* ctx) {
    Handler h = adapt(
        "gallery", [ctx] { return ctx; }, handle);
    Request r;
    r.path = "/v1/gallery/posts/1";
    return h(r);
  }

  std::vector<std::string> lines_;
};

TEST_F(Adapt, PassesASuccessfulResponseThrough) {
  Ctx ctx;
  Response r = call(&ctx);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok");
  EXPECT_TRUE(lines_.empty());
}

TEST_F(Adapt, AnswersStartingWhileNotReady) {
  Response r = call(nullptr);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.header("retry-after"), "1");
  EXPECT_NE(r.body.find(R"("detail":"gallery service is starting")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("instance":"/v1/gallery/posts/1")"), std::string::npos);
}

TEST_F(Adapt, ExpectedErrorsBecomeProblemsWithoutALogLine) {
  Ctx ctx{.answer = Error::not_found("no such post")};
  Response r = call(&ctx);
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find(R"("instance":"/v1/gallery/posts/1")"), std::string::npos);
  EXPECT_TRUE(lines_.empty());
}

TEST_F(Adapt, InternalErrorsLogCodeMessageAndDetailButAnswerOnlyTheMessage) {
  Ctx ctx{.answer = Error::internal_error("disk I/O error on posts.db")};
  Response r = call(&ctx);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("disk I/O"), std::string::npos);
  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_NE(lines_[0].find(R"("code":"internal")"), std::string::npos) << lines_[0];
  EXPECT_NE(lines_[0].find(R"("message":"internal error")"), std::string::npos) << lines_[0];
  EXPECT_NE(lines_[0].find("disk I/O error on posts.db"), std::string::npos) << lines_[0];
  EXPECT_NE(lines_[0].find("/v1/gallery/posts/1"), std::string::npos) << lines_[0];
}

TEST_F(Adapt, UnavailableErrorsWithoutDetailStillLogTheMessage) {
  Ctx ctx{.answer = Error::unavailable("search index is rebuilding")};
  Response r = call(&ctx);
  EXPECT_EQ(r.status, 503);
  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_NE(lines_[0].find("search index is rebuilding"), std::string::npos) << lines_[0];
}

}  // namespace
}  // namespace sp::http
