#pragma once
// Test helpers: a server on 127.0.0.1:0 and a raw blocking socket client with timeouts.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "server_shared.hpp"
#include "strangeprompt/http/message.hpp"
#include "strangeprompt/http/metrics.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/server.hpp"

namespace sp::http::testing {

// Options tuned for tests: loopback, port 0, short timeouts, no access log.
ServerOptions test_options();

// Starts a server (fails the test via exceptions if it cannot).
std::unique_ptr<Server> start_server(const ServerOptions& options, const Router& router,
                                     Metrics* metrics = nullptr, Authenticator auth = nullptr);

// Starts a server whose deadlines read `clock` (see ManualDeadlineClock).
std::unique_ptr<Server> start_server(const ServerOptions& options, const Router& router,
                                     Metrics* metrics, Authenticator auth, DeadlineClock clock);

// A deadline clock that moves only when the test advances it. Thread-safe.
class ManualDeadlineClock {
 public:
  std::chrono::steady_clock::time_point now() const;
  void advance(std::chrono::milliseconds d) { offset_ms_ += d.count(); }
  DeadlineClock function() {
    return [this] { return now(); };
  }

 private:
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::atomic<int64_t> offset_ms_{0};
};

// Handlers block on it until the test opens it; the test can wait until n handlers are inside.
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
    return cv_.wait_for(lock, std::chrono::seconds(5), [&] { return waiting_ >= n; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int waiting_ = 0;
  bool open_ = false;
};

// Polls until the metrics text contains `line` (a whole "name value" line); false after 5 s.
bool wait_for_metric(const Metrics& metrics, const std::string& line);

struct RawResponse {
  int status = 0;
  Headers headers;  // names lower-case
  std::string body;
  std::string header(std::string_view name) const;
};

// A plain POSIX socket so the server is tested with bytes we control exactly.
class RawClient {
 public:
  // Connects at once unless `connect_now` is false (then call connect()).
  explicit RawClient(uint16_t port, bool connect_now = true);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connect();  // false when the connection attempt fails
  bool send(std::string_view bytes);
  // Reads one response (Content-Length framed; no body when `head`); nullopt on close or timeout.
  std::optional<RawResponse> read_response(
      std::chrono::milliseconds timeout = std::chrono::seconds(3), bool head = false);
  // True when the server closes the connection (EOF or reset) within `timeout`.
  bool closed_within(std::chrono::milliseconds timeout);

 private:
  // Reads more bytes into buffer_; false on close, error or timeout.
  bool fill(std::chrono::steady_clock::time_point deadline);
  uint16_t port_ = 0;
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace sp::http::testing
