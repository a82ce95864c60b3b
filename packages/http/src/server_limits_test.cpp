// The server's defences over real sockets: limits, timeouts, saturation, drain.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "strangeprompt/http/client.hpp"
#include "test_server.hpp"

namespace sp::http {
namespace {

using namespace std::chrono_literals;
using testing::RawClient;

// Handlers block on it until the test opens it.
class Gate {
 public:
  void wait() {
    std::unique_lock lock(mu_);
    ++waiting_;
    cv_.notify_all();
    cv_.wait(lock, [this] { return open_; });
  }
  void open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  bool wait_for_waiters(int n) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, 3s, [&] { return waiting_ >= n; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int waiting_ = 0;
  bool open_ = false;
};

class ServerLimitsTest : public ::testing::Test {
 protected:
  void start(ServerOptions options) {
    RouteOptions small;
    small.max_body_bytes = 16;
    router.add(
        Method::kPost, "/small", [](Request& r) { return Response::text(200, r.body); }, small);
    router.add(Method::kPost, "/big", [](Request& r) { return Response::text(200, r.body); });
    router.add(Method::kGet, "/slow", [this](Request&) {
      gate.wait();
      return Response::text(200, "slow done");
    });
    router.add(Method::kGet, "/fast", [](Request&) { return Response::text(200, "fast"); });
    server = testing::start_server(options, router, &metrics);
  }
  void TearDown() override {
    gate.open();
    if (server) server->stop();
  }

  std::string post(std::string_view path, const std::string& body) {
    return "POST " + std::string(path) +
           " HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
           body;
  }

  Gate gate;
  Router router;
  Metrics metrics;
  std::unique_ptr<Server> server;
};

TEST_F(ServerLimitsTest, RouteBodyLimitOverridesServerDefault) {
  start(testing::test_options());
  RawClient raw(server->port());
  ASSERT_TRUE(raw.send(post("/big", std::string(100, 'b'))));
  auto accepted = raw.read_response();
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200);
  ASSERT_TRUE(raw.send(post("/small", std::string(100, 's'))));
  auto refused = raw.read_response();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 413);
  EXPECT_EQ(refused->header("content-type"), "application/problem+json");
  EXPECT_TRUE(raw.closed_within(2s));
}

TEST_F(ServerLimitsTest, OversizedBodyThroughClientIs413) {
  start(testing::test_options());
  auto client = HttpClient::create();
  std::string url = "http://127.0.0.1:" + std::to_string(server->port()) + "/small";
  auto r = client->send({Method::kPost, url, {}, std::string(64 * 1024, 'x')});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 413);
}

TEST_F(ServerLimitsTest, ChunkedBodyOverTheLimitIs413) {
  start(testing::test_options());
  RawClient raw(server->port());
  ASSERT_TRUE(
      raw.send("POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
               "20\r\n" +
               std::string(32, 'c') + "\r\n0\r\n\r\n"));
  auto r = raw.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST_F(ServerLimitsTest, OversizedHeadersAre431) {
  ServerOptions options = testing::test_options();
  options.max_header_bytes = 1024;
  start(options);
  RawClient raw(server->port());
  ASSERT_TRUE(
      raw.send("GET /fast HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4096, 'h') + "\r\n\r\n"));
  auto r = raw.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_TRUE(raw.closed_within(2s));
}

TEST_F(ServerLimitsTest, MalformedRequestLineIs400AndClosed) {
  start(testing::test_options());
  RawClient raw(server->port());
  ASSERT_TRUE(raw.send("THIS IS NOT HTTP\r\n\r\n"));
  auto r = raw.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(r->header("content-type"), "application/problem+json");
  EXPECT_TRUE(raw.closed_within(2s));
}

TEST_F(ServerLimitsTest, SlowLorisIsClosedWhileOthersAreServed) {
  ServerOptions options = testing::test_options();
  options.read_timeout = 1s;
  start(options);
  RawClient loris(server->port());
  std::string request = "GET /fast HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(40, 'z');
  auto started = std::chrono::steady_clock::now();
  bool closed = false;
  for (char c : request) {
    if (!loris.send(std::string_view(&c, 1)) || loris.closed_within(200ms)) {
      closed = true;
      break;
    }
    if (std::chrono::steady_clock::now() - started > 600ms &&
        std::chrono::steady_clock::now() - started < 800ms) {
      RawClient other(server->port());
      ASSERT_TRUE(other.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));
      auto r = other.read_response(1s);
      ASSERT_TRUE(r);
      EXPECT_EQ(r->body, "fast");
    }
  }
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_TRUE(closed);
  EXPECT_GE(elapsed, 900ms);
  EXPECT_LT(elapsed, 2s);
}

TEST_F(ServerLimitsTest, IdleKeepAliveConnectionIsClosed) {
  ServerOptions options = testing::test_options();
  options.idle_timeout = 300ms;
  start(options);
  RawClient raw(server->port());
  ASSERT_TRUE(raw.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(raw.read_response());
  EXPECT_TRUE(raw.closed_within(1500ms));
}

TEST_F(ServerLimitsTest, SaturatedWorkerPoolAnswers503WithRetryAfter) {
  ServerOptions options = testing::test_options();
  options.worker_threads = 1;
  options.worker_queue = 1;
  start(options);
  RawClient running(server->port()), queued(server->port()), refused(server->port());
  ASSERT_TRUE(running.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(gate.wait_for_waiters(1));  // the only worker is busy
  ASSERT_TRUE(queued.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::this_thread::sleep_for(100ms);  // let it take the only queue slot
  ASSERT_TRUE(refused.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto busy = refused.read_response(2s);
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->status, 503);
  EXPECT_EQ(busy->header("retry-after"), "1");
  EXPECT_EQ(busy->header("content-type"), "application/problem+json");
  gate.open();
  auto first = running.read_response(2s);
  auto second = queued.read_response(2s);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(second->status, 200);
  EXPECT_NE(metrics.render().find("sp_http_worker_rejected_total 1"), std::string::npos);
}

TEST_F(ServerLimitsTest, HandlerTimeoutAnswers503AndCloses) {
  ServerOptions options = testing::test_options();
  options.handler_timeout = 200ms;
  start(options);
  RawClient raw(server->port());
  ASSERT_TRUE(raw.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = raw.read_response(2s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_TRUE(raw.closed_within(2s));
}

TEST_F(ServerLimitsTest, GracefulStopLetsInFlightRequestFinish) {
  start(testing::test_options());
  RawClient in_flight(server->port());
  RawClient idle(server->port());
  ASSERT_TRUE(in_flight.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(gate.wait_for_waiters(1));
  auto stopped = std::async(std::launch::async, [this] { server->stop(); });
  EXPECT_TRUE(idle.closed_within(1s));  // between requests: closed at once
  std::this_thread::sleep_for(100ms);
  gate.open();
  auto r = in_flight.read_response(2s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "slow done");
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_EQ(stopped.wait_for(3s), std::future_status::ready);
  EXPECT_FALSE(RawClient(server->port()).connected());
}

TEST_F(ServerLimitsTest, StopEndsRunUntilSignal) {
  start(testing::test_options());
  auto running = std::async(std::launch::async, [this] { server->run_until_signal(); });
  std::this_thread::sleep_for(50ms);
  server->stop();
  EXPECT_EQ(running.wait_for(3s), std::future_status::ready);
}

}  // namespace
}  // namespace sp::http
