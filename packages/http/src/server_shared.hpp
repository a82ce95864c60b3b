#pragma once
// State every I/O thread reads: options, router, worker pool, metrics, drain flag. Fixed after
// start() except the atomics.
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/server.hpp"
#include "strangeprompt/http/worker_pool.hpp"

namespace sp::metrics {
class Metrics;
}  // namespace sp::metrics

namespace sp::http {

struct ServerShared {
  ServerShared(ServerOptions o, const Router& r, metrics::Metrics* m, Authenticator a)
      : options(std::move(o)), router(r), metrics(m), authenticator(std::move(a)) {}

  ServerOptions options;
  const Router& router;
  metrics::Metrics* metrics = nullptr;  // may be null
  Authenticator authenticator;
  std::shared_ptr<WorkerPool> pool;    // shared with the metrics gauges, which may outlive us
  std::size_t largest_body_limit = 0;  // the most any route accepts; the header-phase limit
  std::atomic<std::size_t> connections{0};
  std::atomic<bool> draining{false};

  // The body limit for a matched route (or the server default when unmatched).
  std::size_t body_limit_for(const Route* route) const {
    if (route != nullptr && route->options.max_body_bytes > 0) return route->options.max_body_bytes;
    return options.max_body_bytes;
  }
};

}  // namespace sp::http
