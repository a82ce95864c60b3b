// Admission control: a 503 means nothing was done. A job still queued at its budget is dropped
// before it starts; a started job always gets its real answer out. Time is a manual clock.
#include <gtest/gtest.h>

#include <atomic>

#include "connection.hpp"
#include "test_server.hpp"

namespace sp::http {
namespace {

using namespace std::chrono_literals;
using testing::Gate;
using testing::RawClient;
using testing::wait_for_metric;

constexpr std::string_view kSlow = "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n";
constexpr std::string_view kCounted =
    "POST /counted HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n";

class AdmissionTest : public ::testing::Test {
 protected:
  void start(ServerOptions options) {
    router.add(Method::kGet, "/slow", [this](Request&) {
      gate.wait();
      return Response::text(200, "slow done");
    });
    router.add(Method::kPost, "/counted", [this](Request&) {
      ++handled;  // the "work": must never happen for a request answered 503
      return Response::text(201, "created");
    });
    server = testing::start_server(options, router, &metrics, nullptr, clock.function());
  }
  void TearDown() override {
    gate.open();
    if (server) server->stop();
  }
  static ServerOptions one_worker() {
    ServerOptions options = testing::test_options();
    options.worker_threads = 1;
    options.worker_queue = 4;
    options.queue_timeout = 1000ms;
    options.handler_timeout = 2000ms;
    return options;
  }

  Gate gate;
  std::atomic<int> handled{0};
  testing::ManualDeadlineClock clock;
  Router router;
  Metrics metrics;
  std::unique_ptr<Server> server;
};

TEST_F(AdmissionTest, QueuedJobPastItsBudgetIs503AndNeverRuns) {
  start(one_worker());
  RawClient running(server->port()), queued(server->port());
  ASSERT_TRUE(running.send(kSlow));
  ASSERT_TRUE(gate.wait_for_waiters(1));  // the only worker is busy
  ASSERT_TRUE(queued.send(kCounted));
  ASSERT_TRUE(wait_for_metric(metrics, "sp_http_worker_queue_depth 1"));
  clock.advance(1001ms);  // past queue_timeout while still queued

  auto busy = queued.read_response(5s);
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->status, 503);
  EXPECT_EQ(busy->header("retry-after"), "1");
  EXPECT_TRUE(wait_for_metric(metrics, "sp_http_worker_expired_total 1"));

  gate.open();
  auto first = running.read_response(5s);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  // The worker has popped (and skipped) the cancelled job once the queue is empty and idle.
  ASSERT_TRUE(wait_for_metric(metrics, "sp_http_worker_queue_depth 0"));
  ASSERT_TRUE(wait_for_metric(metrics, "sp_http_worker_active 0"));
  EXPECT_EQ(handled.load(), 0) << "a request answered 503 was carried out";

  // The same connection is still usable, and a request that does run is counted.
  ASSERT_TRUE(queued.send(kCounted));
  auto retried = queued.read_response(5s);
  ASSERT_TRUE(retried);
  EXPECT_EQ(retried->status, 201);
  EXPECT_EQ(handled.load(), 1);
}

TEST_F(AdmissionTest, StartedSlowHandlerGetsItsRealAnswerPastHandlerTimeout) {
  start(one_worker());
  RawClient running(server->port());
  ASSERT_TRUE(running.send(kSlow));
  ASSERT_TRUE(gate.wait_for_waiters(1));
  clock.advance(60s);  // far past queue_timeout and handler_timeout
  // The sweeper reports it as slow (twice past: it arms handler_timeout, then reports).
  ASSERT_TRUE(wait_for_metric(metrics, "sp_http_slow_handlers_total 1"));
  gate.open();
  auto r = running.read_response(5s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "slow done");
  EXPECT_EQ(metrics.render().find("sp_http_worker_expired_total"), std::string::npos);
}

TEST_F(AdmissionTest, FullQueueIsAnswered503AtOnceWithoutRunning) {
  ServerOptions options = one_worker();
  options.worker_queue = 1;
  start(options);
  RawClient running(server->port()), queued(server->port()), refused(server->port());
  ASSERT_TRUE(running.send(kSlow));
  ASSERT_TRUE(gate.wait_for_waiters(1));
  ASSERT_TRUE(queued.send(kCounted));
  ASSERT_TRUE(wait_for_metric(metrics, "sp_http_worker_queue_depth 1"));
  ASSERT_TRUE(refused.send(kCounted));
  auto busy = refused.read_response(5s);  // the clock never moved: refused, not expired
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->status, 503);
  EXPECT_TRUE(wait_for_metric(metrics, "sp_http_worker_rejected_total 1"));
  gate.open();
  auto ran = queued.read_response(5s);
  ASSERT_TRUE(ran);
  EXPECT_EQ(ran->status, 201);
  EXPECT_EQ(handled.load(), 1);
}

TEST(WorkerCall, StartAndCancelAreExclusive) {
  auto now = std::chrono::steady_clock::now();
  WorkerCall cancelled_first(now);
  EXPECT_TRUE(cancelled_first.cancel());
  EXPECT_FALSE(cancelled_first.start(now));
  EXPECT_FALSE(cancelled_first.cancel());

  WorkerCall started_first(now);
  EXPECT_TRUE(started_first.start(now + 5ms));
  EXPECT_FALSE(started_first.cancel());
  EXPECT_EQ(started_first.started_at(), now + 5ms);
}

TEST(WorkerCall, FinishResumesOnce) {
  WorkerCall call(std::chrono::steady_clock::now());
  int resumed = 0;
  call.resume = [&](WorkerOutcome) { ++resumed; };
  EXPECT_TRUE(call.finish(WorkerOutcome::kExpired));
  EXPECT_FALSE(call.finish(WorkerOutcome::kDone));
  EXPECT_EQ(resumed, 1);
}

}  // namespace
}  // namespace sp::http
