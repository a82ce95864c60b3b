#pragma once
// State every I/O thread reads: options, router, worker pool, metrics, drain flag, the deadline
// clock and the connection caps. Fixed after start() except the atomics and the limiter.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "connection_limiter.hpp"
#include "strangeprompt/http/client_address.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/server.hpp"
#include "strangeprompt/http/worker_pool.hpp"

namespace sp::metrics {
class Metrics;
}  // namespace sp::metrics

namespace sp::http {

// The time deadlines are measured in. Production reads steady_clock; tests pass a clock they
// advance, so a timeout test moves time instead of sleeping.
using DeadlineClock = std::function<std::chrono::steady_clock::time_point()>;

struct ServerShared {
  ServerShared(ServerOptions o, const Router& r, metrics::Metrics* m, Authenticator a,
               DeadlineClock c)
      : options(std::move(o)),
        router(r),
        metrics(m),
        authenticator(std::move(a)),
        clock(c ? std::move(c) : DeadlineClock(&std::chrono::steady_clock::now)),
        limiter(std::make_shared<ConnectionLimiter>(options.max_connections,
                                                    options.max_connections_per_address)) {}

  ServerOptions options;
  const Router& router;
  metrics::Metrics* metrics = nullptr;  // may be null
  Authenticator authenticator;
  DeadlineClock clock;
  // Every open connection holds a slot; shared with the metrics gauge, which may outlive us.
  std::shared_ptr<ConnectionLimiter> limiter;
  TrustedProxies trusted_proxies;      // parsed from options.trusted_proxies at start()
  std::shared_ptr<WorkerPool> pool;    // shared with the metrics gauges, which may outlive us
  std::size_t largest_body_limit = 0;  // the most any route accepts; the header-phase limit
  std::atomic<bool> draining{false};

  std::chrono::steady_clock::time_point now() const { return clock(); }
  std::size_t connections() const { return limiter->total(); }

  // The body limit for a matched route (or the server default when unmatched).
  std::size_t body_limit_for(const Route* route) const {
    if (route != nullptr && route->options.max_body_bytes > 0) return route->options.max_body_bytes;
    return options.max_body_bytes;
  }
};

// Server::create with the deadline clock replaced (tests).
Result<std::unique_ptr<Server>> create_server(ServerOptions options, const Router& router,
                                              metrics::Metrics* metrics,
                                              Authenticator authenticator, DeadlineClock clock);

}  // namespace sp::http
