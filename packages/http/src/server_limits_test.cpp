// The server's defences over real sockets: limits, timeouts, saturation, drain.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

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

using testing::Gate;

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
    server = testing::start_server(options, router, &metrics, nullptr, clock.function());
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

  // Moves the clock by `step` until the server closes `client` (false if it never does). Stepping
  // covers a deadline set just after an advance: the I/O thread may not have reached it yet.
  bool closed_as_time_passes(RawClient& client, std::chrono::milliseconds step) {
    for (int i = 0; i < 50; ++i) {
      clock.advance(step);
      if (client.closed_within(100ms)) return true;
    }
    return false;
  }

  Gate gate;
  testing::ManualDeadlineClock clock;  // deadlines move only when a test advances it
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
  ASSERT_TRUE(loris.send("GET /fast HTTP/1.1\r\nHost: x\r\nX-Slow: zz"));
  ASSERT_TRUE(testing::wait_for_metric(metrics, "sp_http_open_connections 1"));
  // While the loris holds its connection (time has not moved, so it cannot have been cut off),
  // another client is served.
  RawClient other(server->port());
  ASSERT_TRUE(other.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto during = other.read_response(5s);
  ASSERT_TRUE(during);
  EXPECT_EQ(during->body, "fast");
  EXPECT_FALSE(loris.closed_within(0ms));

  EXPECT_TRUE(closed_as_time_passes(loris, 1001ms));  // past read_timeout, request unfinished
  RawClient later(server->port());
  ASSERT_TRUE(later.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto after = later.read_response(5s);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->body, "fast");
}

TEST_F(ServerLimitsTest, IdleKeepAliveConnectionIsClosed) {
  ServerOptions options = testing::test_options();
  options.idle_timeout = 300ms;
  start(options);
  RawClient raw(server->port());
  ASSERT_TRUE(raw.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(raw.read_response());
  EXPECT_FALSE(raw.closed_within(0ms));
  EXPECT_TRUE(closed_as_time_passes(raw, 301ms));
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
  // It holds the only queue slot (polled; the connections may be on different I/O threads).
  ASSERT_TRUE(testing::wait_for_metric(metrics, "sp_http_worker_queue_depth 1"));
  ASSERT_TRUE(refused.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto busy = refused.read_response(5s);
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->status, 503);
  EXPECT_EQ(busy->header("retry-after"), "1");
  EXPECT_EQ(busy->header("content-type"), "application/problem+json");
  gate.open();
  auto first = running.read_response(5s);
  auto second = queued.read_response(5s);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(second->status, 200);
  EXPECT_TRUE(testing::wait_for_metric(metrics, "sp_http_worker_rejected_total 1"));
}

TEST_F(ServerLimitsTest, GracefulStopLetsInFlightRequestFinish) {
  start(testing::test_options());
  RawClient in_flight(server->port());
  RawClient idle(server->port());
  ASSERT_TRUE(in_flight.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(gate.wait_for_waiters(1));
  auto stopped = std::async(std::launch::async, [this] { server->stop(); });
  EXPECT_TRUE(idle.closed_within(5s));  // between requests: closed at once, so draining began
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
  std::promise<void> ready;
  auto running =
      std::async(std::launch::async, [&] { server->run_until_signal([&] { ready.set_value(); }); });
  ASSERT_EQ(ready.get_future().wait_for(5s), std::future_status::ready);
  server->stop();
  EXPECT_EQ(running.wait_for(3s), std::future_status::ready);
}

TEST_F(ServerLimitsTest, PerAddressCapClosesOnlyTheNewConnection) {
  ServerOptions options = testing::test_options();
  options.max_connections_per_address = 2;
  start(options);
  auto first = std::make_unique<RawClient>(server->port());
  RawClient second(server->port());
  for (RawClient* c : {first.get(), &second}) {
    ASSERT_TRUE(c->send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_TRUE(c->read_response(5s));
  }
  RawClient third(server->port());  // the kernel completes the handshake; the server refuses
  third.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(third.closed_within(5s));
  EXPECT_TRUE(testing::wait_for_metric(metrics, "sp_http_connections_refused_total 1"));
  ASSERT_TRUE(second.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));  // others unharmed
  auto still = second.read_response(5s);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 200);

  first.reset();  // a slot comes back once the server has seen the close
  ASSERT_TRUE(testing::wait_for_metric(metrics, "sp_http_open_connections 1"));
  RawClient fourth(server->port());
  ASSERT_TRUE(fourth.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto served = fourth.read_response(5s);
  ASSERT_TRUE(served);
  EXPECT_EQ(served->status, 200);
}

TEST_F(ServerLimitsTest, StartRaisesTheSoftOpenFileLimitToTheHardLimit) {
  rlimit original{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &original), 0);
  if (original.rlim_max == RLIM_INFINITY || original.rlim_max < 256) GTEST_SKIP();
  rlimit lowered = original;
  lowered.rlim_cur = 256;
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
  start(testing::test_options());
  rlimit now{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &now), 0);
  EXPECT_EQ(now.rlim_cur, original.rlim_max);
  ::setrlimit(RLIMIT_NOFILE, &original);
}

// Uses up every descriptor of this process (server and test share it) by lowering the soft limit
// and filling the table, restoring both on the way out.
class DescriptorExhaustion {
 public:
  DescriptorExhaustion() {
    ::getrlimit(RLIMIT_NOFILE, &original_);
    int highest = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    fillers_.push_back(highest);
    rlimit low = original_;
    low.rlim_cur = static_cast<rlim_t>(highest + 16);
    ::setrlimit(RLIMIT_NOFILE, &low);
    for (int fd = ::dup(highest); fd >= 0; fd = ::dup(highest)) fillers_.push_back(fd);
  }
  ~DescriptorExhaustion() {
    for (int fd : fillers_) ::close(fd);
    ::setrlimit(RLIMIT_NOFILE, &original_);
  }

 private:
  rlimit original_{};
  std::vector<int> fillers_;
};

TEST_F(ServerLimitsTest, OutOfDescriptorsKeepsServingAndRefusesNewcomersAtOnce) {
  ServerOptions options = testing::test_options();
  options.io_threads = 1;
  start(options);
  RawClient established(server->port());
  ASSERT_TRUE(established.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(established.read_response(5s));
  RawClient newcomer(server->port(), /*connect_now=*/false);
  {
    DescriptorExhaustion exhausted;
    ASSERT_TRUE(newcomer.connect());  // completes in the kernel; accept() then fails with EMFILE
    // The waiting client is told at once instead of hanging in the backlog...
    EXPECT_TRUE(newcomer.closed_within(5s));
    EXPECT_NE(metrics.render().find("sp_http_accept_failures_total "), std::string::npos);
    // ...and the established connection is still served.
    ASSERT_TRUE(established.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto during = established.read_response(5s);
    ASSERT_TRUE(during);
    EXPECT_EQ(during->body, "fast");
  }
  RawClient later(server->port());  // accepting again once descriptors are back
  ASSERT_TRUE(later.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto served = later.read_response(5s);
  ASSERT_TRUE(served);
  EXPECT_EQ(served->status, 200);
}

}  // namespace
}  // namespace sp::http
