// Event streams over real sockets: messages written as sent, heartbeats while quiet, the end on
// close, peer departure and server stop, and 1,000 idle streams that leave the workers free.
#include "strangeprompt/http/event_stream.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "test_server.hpp"

namespace sp::http {
namespace {

using Steady = std::chrono::steady_clock;

// A plain blocking socket that reads until a marker arrives.
class StreamSocket {
 public:
  explicit StreamSocket(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~StreamSocket() { close(); }
  StreamSocket(const StreamSocket&) = delete;
  StreamSocket& operator=(const StreamSocket&) = delete;

  bool send(std::string_view bytes) {
    return fd_ >= 0 && ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
                           static_cast<ssize_t>(bytes.size());
  }
  // Reads until `marker` appears after what read_until consumed before; true then.
  bool read_until(std::string_view marker, std::chrono::milliseconds timeout = kWait) {
    const auto deadline = Steady::now() + timeout;
    while (true) {
      std::size_t at = text_.find(marker, consumed_);
      if (at != std::string::npos) {
        consumed_ = at + marker.size();
        return true;
      }
      if (!fill(deadline)) return false;
    }
  }
  // True when the server closes within `timeout`.
  bool sees_close(std::chrono::milliseconds timeout = kWait) {
    const auto deadline = Steady::now() + timeout;
    while (Steady::now() < deadline) {
      if (!fill(deadline)) return eof_;
    }
    return false;
  }
  const std::string& text() const { return text_; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  static constexpr std::chrono::milliseconds kWait{5000};

 private:
  bool fill(Steady::time_point deadline) {
    if (fd_ < 0) return false;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Steady::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buf[4096];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    text_.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  int fd_ = -1;
  bool eof_ = false;
  std::string text_;
  std::size_t consumed_ = 0;
};

constexpr std::string_view kStreamRequest = "GET /stream HTTP/1.1\r\nHost: t\r\n\r\n";

class EventStreamTest : public ::testing::Test {
 protected:
  void start(ServerOptions options, std::chrono::milliseconds heartbeat) {
    router_.add(Method::kGet, "/stream", [this, heartbeat](Request&) {
      auto stream = std::make_shared<EventStream>(heartbeat);
      stream->on_finished([this] { ++finished_; });
      std::lock_guard lock(mu_);
      streams_.push_back(stream);
      return Response::event_stream(stream);
    });
    router_.add(Method::kGet, "/hello", [](Request&) { return Response::json(200, "{}"); });
    server_ = testing::start_server(options, router_);
  }
  std::shared_ptr<EventStream> stream(std::size_t i) {
    std::lock_guard lock(mu_);
    return i < streams_.size() ? streams_[i] : nullptr;
  }
  std::size_t stream_count() {
    std::lock_guard lock(mu_);
    return streams_.size();
  }

  Router router_;
  std::unique_ptr<Server> server_;
  std::mutex mu_;
  std::vector<std::shared_ptr<EventStream>> streams_;
  std::atomic<int> finished_{0};
};

bool eventually(const std::function<bool()>& condition) {
  const auto deadline = Steady::now() + std::chrono::seconds(10);
  while (Steady::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return condition();
}

TEST(SseMessage, SplitsDataLinesAndStripsLineBreaksFromIdAndEvent) {
  EXPECT_EQ(sse_message("7", "notification", "{\"a\":1}"),
            "id: 7\nevent: notification\ndata: {\"a\":1}\n\n");
  EXPECT_EQ(sse_message("1\r\nevent: x", "", "a\r\nb\nc"),
            "id: 1event: x\ndata: a\ndata: b\ndata: c\n\n");
}

TEST_F(EventStreamTest, WritesWhatIsSentThenHeartbeatsThenEndsOnClose) {
  start(testing::test_options(), std::chrono::milliseconds(50));
  StreamSocket client(server_->port());
  ASSERT_TRUE(client.send(kStreamRequest));
  ASSERT_TRUE(client.read_until("\r\n\r\n"));
  EXPECT_NE(client.text().find("HTTP/1.1 200"), std::string::npos);
  EXPECT_NE(client.text().find("text/event-stream"), std::string::npos);
  EXPECT_EQ(client.text().find("Content-Length"), std::string::npos);
  ASSERT_TRUE(eventually([&] { return stream_count() == 1; }));
  EXPECT_TRUE(stream(0)->send(sse_message("42", "notification", "{\"x\":1}")));
  EXPECT_TRUE(client.read_until("id: 42\nevent: notification\ndata: {\"x\":1}\n\n"));
  EXPECT_TRUE(client.read_until(": hb\n\n"));
  stream(0)->close();
  EXPECT_TRUE(client.sees_close());
  EXPECT_TRUE(eventually([&] { return finished_.load() == 1; }));
  EXPECT_FALSE(stream(0)->send("late"));
}

TEST_F(EventStreamTest, APeerThatLeavesEndsTheStream) {
  start(testing::test_options(), std::chrono::milliseconds(20));
  StreamSocket client(server_->port());
  ASSERT_TRUE(client.send(kStreamRequest));
  ASSERT_TRUE(client.read_until("\r\n\r\n"));
  client.close();
  EXPECT_TRUE(eventually([&] { return finished_.load() == 1; }));
  EXPECT_TRUE(stream(0)->ended());
}

TEST_F(EventStreamTest, AThousandIdleStreamsLeaveOtherRequestsServedAndEndOnStop) {
  ServerOptions options = testing::test_options();
  options.worker_threads = 2;
  options.max_connections = 5000;
  options.max_connections_per_address = 0;
  start(options, std::chrono::hours(1));
  constexpr int kStreams = 1000;
  std::vector<std::unique_ptr<StreamSocket>> clients;
  for (int i = 0; i < kStreams; ++i) {
    clients.push_back(std::make_unique<StreamSocket>(server_->port()));
    ASSERT_TRUE(clients.back()->send(kStreamRequest)) << i;
  }
  for (int i = 0; i < kStreams; ++i) ASSERT_TRUE(clients[i]->read_until("\r\n\r\n")) << i;
  ASSERT_EQ(stream_count(), static_cast<std::size_t>(kStreams));
  // Two workers, a thousand open streams: ordinary requests are still answered at once.
  for (int i = 0; i < 20; ++i) {
    testing::RawClient other(server_->port());
    ASSERT_TRUE(other.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto r = other.read_response(std::chrono::seconds(2));
    ASSERT_TRUE(r.has_value()) << i;
    EXPECT_EQ(r->status, 200);
  }
  // Any one of them still gets its message.
  EXPECT_TRUE(stream(kStreams - 1)->send(sse_message("9", "notification", "{}")));
  // The stream-to-socket mapping is unknown: poll every socket briefly until one has it.
  EXPECT_TRUE(eventually([&] {
    for (auto& c : clients) {
      if (c->read_until("id: 9", std::chrono::milliseconds(1)) ||
          c->text().find("id: 9") != std::string::npos) {
        return true;
      }
    }
    return false;
  }));
  const auto before = Steady::now();
  server_->stop();
  EXPECT_LT(Steady::now() - before, std::chrono::seconds(2));  // no drain wait on idle streams
  EXPECT_EQ(finished_.load(), kStreams);
  EXPECT_TRUE(clients[0]->sees_close());
  EXPECT_TRUE(clients[kStreams - 1]->sees_close());
}

}  // namespace
}  // namespace sp::http
