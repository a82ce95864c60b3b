#pragma once
// Test helpers: a server on 127.0.0.1:0 (optionally on a deadline clock the test advances),
// a gate for handlers, metric polling; the raw socket client is the shared one of sp_http_testing
// (raw_client.hpp).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "server_shared.hpp"
#include "strangeprompt/http/message.hpp"
#include "strangeprompt/http/metrics.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/server.hpp"
#include "strangeprompt/http/testing/raw_client.hpp"

namespace sp::http::testing {

// Options tuned for tests: loopback, port 0, short timeouts, no access log.
ServerOptions test_options();

// Starts a server (fails the test via exceptions if it cannot).
std::unique_ptr<Server> start_server(const ServerOptions& options, const Router& router,
                                     metrics::Metrics* metrics = nullptr,
                                     Authenticator auth = nullptr);

// Starts a server whose deadlines read `clock` (see ManualDeadlineClock).
std::unique_ptr<Server> start_server(const ServerOptions& options, const Router& router,
                                     metrics::Metrics* metrics, Authenticator auth,
                                     DeadlineClock clock);

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
bool wait_for_metric(const metrics::Metrics& metrics, const std::string& line);

}  // namespace sp::http::testing
