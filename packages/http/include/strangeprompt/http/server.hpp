#pragma once
// The HTTP/1.1 server: one io_context per I/O thread, each with its own SO_REUSEPORT listener,
// keep-alive, read deadlines, header and body limits, graceful drain on stop().
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"
#include "strangeprompt/http/router.hpp"

namespace sp::http {

class Metrics;

// Verifies an Authorization header value; may block (it runs on the worker pool).
using Authenticator = std::function<Result<Principal>(std::string_view authorization)>;

struct ServerOptions {
  std::string host = "0.0.0.0";
  uint16_t port = 8080;             // 0 = any free port (tests)
  int io_threads = 0;               // 0 = hardware concurrency
  int worker_threads = 0;           // 0 = 2 x hardware concurrency
  std::size_t worker_queue = 1024;  // pending blocking jobs before 503
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::milliseconds read_timeout{15'000};  // whole request (headers + body)
  std::chrono::milliseconds idle_timeout{60'000};  // keep-alive between requests
  // Admission budget: a blocking job still waiting for a worker after this long is dropped
  // before it starts and answered 503 + Retry-After (nothing was done).
  std::chrono::milliseconds queue_timeout{1'000};
  // A handler that has started always gets its real answer out; past this it is logged as slow.
  std::chrono::milliseconds handler_timeout{30'000};
  std::chrono::milliseconds drain_timeout{10'000};
  std::size_t max_connections = 10'000;
  std::size_t max_connections_per_address = 512;  // 0 = no per-address cap
  // Peers (IP addresses or CIDR blocks) whose X-Forwarded-For names the client address.
  std::vector<std::string> trusted_proxies;
  bool access_log = true;
  std::string service = "http";  // "service" field of access log lines
};

class Server {
 public:
  virtual ~Server() = default;
  // The router must outlive the server. `metrics` may be null.
  static Result<std::unique_ptr<Server>> create(ServerOptions options, const Router& router,
                                                Metrics* metrics, Authenticator authenticator);

  virtual Status start() = 0;         // binds and starts the I/O threads
  virtual uint16_t port() const = 0;  // the bound port (after start)
  // Stops accepting, lets in-flight requests finish (up to drain_timeout), closes the rest and
  // joins. Idempotent; call it from outside the server (never from a handler).
  virtual void stop() = 0;
  // Starts if needed, blocks until SIGINT/SIGTERM (or a stop() from another thread), then stop().
  // `on_ready` runs once SIGINT/SIGTERM are being handled: from then on a signal drains cleanly
  // (before it, the default action would kill the process).
  virtual void run_until_signal(const std::function<void()>& on_ready = {}) = 0;
};

}  // namespace sp::http
