// Hostile clients against the real binary: each gets a 4xx or a closed connection while other
// clients keep being served.
#include <gtest/gtest.h>

#include <thread>

#include "raw_socket.hpp"
#include "server_process.hpp"

namespace sp::testing {
namespace {

using namespace std::chrono_literals;

class Robustness : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerProcessOptions o;
    o.env = {{"STRANGEPROMPT_HTTP__READ_TIMEOUT_MS", "1500"},
             {"STRANGEPROMPT_HTTP__MAX_HEADER_BYTES", "8192"},
             {"STRANGEPROMPT_HTTP__MAX_BODY_BYTES", "65536"}};
    server_ = new ServerProcess(o);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static bool healthy() {
    RawSocket s(server_->port());
    s.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    return status_of(s.read_response(3s)) == 200;
  }
  static ServerProcess* server_;
};
ServerProcess* Robustness::server_ = nullptr;

TEST_F(Robustness, MalformedRequestLineGets400OrClose) {
  ASSERT_TRUE(server_->started()) << server_->log();
  RawSocket s(server_->port());
  s.send("THIS IS NOT HTTP\r\n\r\n");
  auto r = s.read_response(3s);
  EXPECT_TRUE(r.empty() || status_of(r) == 400) << r;
  EXPECT_TRUE(healthy());
}

TEST_F(Robustness, GarbageBytesAreRejected) {
  RawSocket s(server_->port());
  std::string junk(4096, '\0');
  for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 131) % 256);
  s.send(junk);
  auto r = s.read_response(3s);
  EXPECT_TRUE(r.empty() || (status_of(r) >= 400 && status_of(r) < 500)) << r;
  EXPECT_TRUE(healthy());
}

TEST_F(Robustness, OversizedHeadersGet431OrClose) {
  RawSocket s(server_->port());
  std::string req =
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n";
  s.send(req);
  auto r = s.read_response(3s);
  int status = status_of(r);
  EXPECT_TRUE(r.empty() || status == 431 || status == 400) << status;
  EXPECT_TRUE(healthy());
}

TEST_F(Robustness, OversizedBodyGets413) {
  RawSocket s(server_->port());
  s.send("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n");
  s.send(std::string(70000, 'x'));
  auto r = s.read_response(3s);
  EXPECT_TRUE(status_of(r) == 413 || r.empty()) << r.substr(0, 200);
  EXPECT_TRUE(healthy());
}

TEST_F(Robustness, SlowLorisIsClosedWhileOthersAreServed) {
  RawSocket loris(server_->port());
  ASSERT_TRUE(loris.connected());
  loris.send("GET /healthz HTTP/1.1\r\n");
  bool closed = false;
  auto until = std::chrono::steady_clock::now() + 6s;
  int served = 0;
  while (std::chrono::steady_clock::now() < until) {
    if (!loris.send("X-A: b\r\n")) {
      closed = true;
      break;
    }
    // Every other client is served while the loris holds its connection, not just some.
    EXPECT_TRUE(healthy());
    ++served;
    if (loris.closed_by_peer(300ms)) {
      closed = true;
      break;
    }
  }
  EXPECT_TRUE(closed) << "a client trickling headers for 6 s was never cut off";
  EXPECT_GT(served, 0);
}

TEST_F(Robustness, ManyIdleConnectionsDoNotBlockService) {
  std::vector<std::unique_ptr<RawSocket>> idle;
  for (int i = 0; i < 200; ++i) idle.push_back(std::make_unique<RawSocket>(server_->port()));
  EXPECT_TRUE(healthy());
}

TEST_F(Robustness, PipelinedRequestsAreAnsweredInOrder) {
  RawSocket s(server_->port());
  s.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/nope HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string all;
  auto until = std::chrono::steady_clock::now() + 3s;
  while (std::chrono::steady_clock::now() < until && all.find("404") == std::string::npos) {
    all += s.read_response(500ms);
  }
  auto first = all.find("HTTP/1.1 200");
  auto second = all.find("HTTP/1.1 404");
  ASSERT_NE(first, std::string::npos) << all;
  ASSERT_NE(second, std::string::npos) << all;
  EXPECT_LT(first, second);
}

}  // namespace
}  // namespace sp::testing
