// RouteOptions::inline_answer: a blocking route's memory-only answer given on the I/O thread, so a
// warm read does not wait for (or occupy) a worker. Requests with credentials, misses and routes
// that need a principal still take the worker path.
#include <gtest/gtest.h>

#include <atomic>

#include "test_server.hpp"

namespace sp::http {
namespace {

using namespace std::chrono_literals;
using testing::Gate;
using testing::RawClient;

Result<Principal> token_auth(std::string_view authorization) {
  if (authorization != "Bearer alice") return Error::unauthenticated("invalid token");
  Principal p;
  p.user_id = 1;
  return p;
}

class InlineAnswerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add(Method::kGet, "/hold", [this](Request&) {
      gate.wait();
      return Response::text(200, "held");
    });
    RouteOptions warm;
    warm.auth = AuthMode::kOptional;
    warm.inline_answer = [this](Request& request) -> std::optional<Response> {
      ++inline_calls;
      if (request.param("id") == "cold") return std::nullopt;
      if (request.param("id") == "throws") throw std::runtime_error("inline failed");
      return Response::text(200, "inline " + std::string(request.param("id")));
    };
    router.add(
        Method::kGet, "/posts/{id}",
        [](Request& request) {
          return Response::text(
              200, "worker " + std::to_string(request.principal ? request.principal->user_id : 0));
        },
        warm);
    RouteOptions required = warm;
    required.auth = AuthMode::kRequired;
    router.add(
        Method::kGet, "/mine/{id}", [](Request&) { return Response::text(200, "worker"); },
        required);
    ServerOptions options = testing::test_options();
    options.worker_threads = 1;
    server = testing::start_server(options, router, &metrics, token_auth);
  }
  void TearDown() override {
    gate.open();
    server->stop();
  }
  std::optional<testing::RawResponse> get(const std::string& path, std::string headers = {}) {
    RawClient client(server->port());
    if (!client.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n")) {
      return std::nullopt;
    }
    return client.read_response(5s);
  }

  Gate gate;
  std::atomic<int> inline_calls{0};
  Router router;
  Metrics metrics;
  std::unique_ptr<Server> server;
};

TEST_F(InlineAnswerTest, AnswersOnTheIoThreadWhileTheOnlyWorkerIsBusy) {
  RawClient held(server->port());
  ASSERT_TRUE(held.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(gate.wait_for_waiters(1));  // the one worker is taken until the gate opens
  auto r = get("/posts/7");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "inline 7");
  gate.open();
  auto h = held.read_response(5s);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->body, "held");
}

TEST_F(InlineAnswerTest, AMissOrAThrowGoesToTheWorker) {
  auto miss = get("/posts/cold");
  ASSERT_TRUE(miss);
  EXPECT_EQ(miss->body, "worker 0");
  auto thrown = get("/posts/throws");
  ASSERT_TRUE(thrown);
  EXPECT_EQ(thrown->status, 200);
  EXPECT_EQ(thrown->body, "worker 0");
  EXPECT_EQ(inline_calls.load(), 2);
}

TEST_F(InlineAnswerTest, CredentialsAlwaysTakeTheWorkerPath) {
  auto signed_in = get("/posts/7", "Authorization: Bearer alice\r\n");
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->body, "worker 1");
  auto bad = get("/posts/7", "Authorization: Bearer mallory\r\n");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401);
  EXPECT_EQ(inline_calls.load(), 0);
}

TEST_F(InlineAnswerTest, ARouteThatNeedsAPrincipalIsNeverAnsweredInline) {
  auto r = get("/mine/7");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(inline_calls.load(), 0);
}

}  // namespace
}  // namespace sp::http
