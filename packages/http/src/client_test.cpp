// HttpClient against the real server and against a scripted raw peer.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "strangeprompt/http/client.hpp"
#include "test_server.hpp"

namespace sp::http {
namespace {

using namespace std::chrono_literals;

// A listening socket on 127.0.0.1 whose peer behaviour the test scripts by hand.
class ScriptedPeer {
 public:
  ScriptedPeer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 8);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~ScriptedPeer() { ::close(fd_); }
  uint16_t port() const { return port_; }
  // The next connection, or -1 when none arrives within a second (so a broken client fails the
  // test instead of hanging it).
  int accept_one() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 1000) != 1) return -1;
    return ::accept(fd_, nullptr, nullptr);
  }
  // Reads until the end of one request head (bodies are not used here).
  static bool read_request(int fd) {
    std::string got;
    char c;
    while (got.find("\r\n\r\n") == std::string::npos) {
      if (::recv(fd, &c, 1, 0) != 1) return false;
      got.push_back(c);
    }
    return true;
  }
  static void answer(int fd, std::string_view body) {
    std::string r = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
                    "\r\n\r\n" + std::string(body);
    ::send(fd, r.data(), r.size(), MSG_NOSIGNAL);
  }

 private:
  int fd_;
  uint16_t port_ = 0;
};

std::string url(uint16_t port, std::string_view path) {
  return "http://127.0.0.1:" + std::to_string(port) + std::string(path);
}

TEST(HttpClient, RetriesOnceWhenPooledConnectionWasClosedUnderIt) {
  ScriptedPeer peer;
  std::thread script([&peer] {
    int first = peer.accept_one();
    ScriptedPeer::read_request(first);
    ScriptedPeer::answer(first, "one");
    ScriptedPeer::read_request(first);  // the server "times out" just as the reuse arrives
    ::close(first);
    int second = peer.accept_one();
    if (second < 0) return;
    ScriptedPeer::read_request(second);
    ScriptedPeer::answer(second, "two");
    ::close(second);
  });
  auto client = HttpClient::create();
  auto one = client->send({Method::kGet, url(peer.port(), "/a"), {}, ""});
  ASSERT_TRUE(one.ok()) << one.error().message;
  auto two = client->send({Method::kGet, url(peer.port(), "/b"), {}, ""});
  script.join();
  ASSERT_TRUE(two.ok()) << two.error().message;
  EXPECT_EQ(two->body, "two");
}

TEST(HttpClient, RequestTimeoutIsUnavailable) {
  ScriptedPeer peer;  // accepts (via the backlog) but never answers
  ClientOptions options;
  options.request_timeout = 300ms;
  auto client = HttpClient::create(options);
  auto started = std::chrono::steady_clock::now();
  auto r = client->send({Method::kGet, url(peer.port(), "/"), {}, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

TEST(HttpClient, ConnectFailureIsUnavailable) {
  uint16_t closed_port;
  {
    ScriptedPeer gone;
    closed_port = gone.port();
  }
  ClientOptions options;
  options.connect_timeout = 300ms;
  auto r = HttpClient::create(options)->send({Method::kGet, url(closed_port, "/"), {}, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
}

TEST(HttpClient, ResponseOverTheLimitIsRefused) {
  Router router;
  router.add(Method::kGet, "/big",
             [](Request&) { return Response::text(200, std::string(4096, 'x')); });
  auto server = testing::start_server(testing::test_options(), router);
  ClientOptions options;
  options.max_response_bytes = 1024;
  auto r = HttpClient::create(options)->send({Method::kGet, url(server->port(), "/big"), {}, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  server->stop();
}

TEST(HttpClient, UrlErrors) {
  auto client = HttpClient::create();
  auto https = client->send({Method::kGet, "https://example.com/", {}, ""});
  ASSERT_FALSE(https.ok());
  EXPECT_EQ(https.error().code, ErrorCode::kNotSupported);
  auto junk = client->send({Method::kGet, "not a url", {}, ""});
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(junk.error().code, ErrorCode::kInvalidArgument);
}

TEST(HttpClient, ReconnectsAfterServerClosedIdleConnection) {
  Router router;
  router.add(Method::kGet, "/x", [](Request&) { return Response::text(200, "x"); });
  ServerOptions options = testing::test_options();
  options.idle_timeout = 100ms;
  auto server = testing::start_server(options, router);
  auto client = HttpClient::create();
  ASSERT_TRUE(client->send({Method::kGet, url(server->port(), "/x"), {}, ""}).ok());
  std::this_thread::sleep_for(400ms);
  auto again = client->send({Method::kGet, url(server->port(), "/x"), {}, ""});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->body, "x");
  server->stop();
}

}  // namespace
}  // namespace sp::http
