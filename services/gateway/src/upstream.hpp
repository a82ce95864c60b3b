#pragma once
// One upstream service behind the gateway (e.g. "gallery" at two replicas): its pooled client,
// per-replica circuit breakers, the bulkhead and the retry loop. forward() runs on a worker
// thread and blocks for the upstream's answer (an event stream returns once its head arrived).
#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "circuit_breaker.hpp"
#include "retry_policy.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/http/client.hpp"
#include "strangeprompt/http/client_address.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::metrics {
class Metrics;
}

namespace sp::gateway {

struct UpstreamOptions {
  std::string service;                // the /v1/<service>/ segment: "gallery"
  std::vector<std::string> replicas;  // base URLs, "http://127.0.0.1:7101" (no trailing '/')
  std::chrono::milliseconds connect_timeout{1'000};
  std::chrono::milliseconds response_timeout{15'000};  // per attempt: request sent → answer read
  RetryOptions retry;
  BreakerOptions breaker;
  std::size_t max_concurrent = 256;  // the bulkhead: requests in flight at once
  std::size_t max_response_bytes = 64 * 1024 * 1024;
};

// Counters of an upstream's final outcomes (one per request) and of the attempts behind them.
struct UpstreamStats {
  std::atomic<uint64_t> ok{0};              // an answer below 500 (or 500/501: the app's own)
  std::atomic<uint64_t> upstream_error{0};  // answered 502/503/504 after every attempt
  std::atomic<uint64_t> unreachable{0};     // 502: connect or read failed on every attempt
  std::atomic<uint64_t> timeout{0};         // 504: the last attempt timed out
  std::atomic<uint64_t> breaker_open{0};    // 503: every replica's breaker was open
  std::atomic<uint64_t> bulkhead_full{0};   // 503: max_concurrent in flight already
  std::atomic<uint64_t> retries{0};         // extra attempts made
};

class Upstream {
 public:
  // `metrics` may be null; it must outlive the upstream.
  Upstream(UpstreamOptions options, const Clock& clock, metrics::Metrics* metrics);
  Upstream(const Upstream&) = delete;
  Upstream& operator=(const Upstream&) = delete;

  const UpstreamOptions& options() const { return options_; }
  // Sends the request to a replica (round robin over those whose breaker lets it), retrying
  // idempotent methods on failure with jittered backoff, and answers with the upstream's response
  // or problem+json: 503 + Retry-After (bulkhead full, every breaker open), 502 (unreachable),
  // 504 (timed out). The request's body is moved out (sent once, never copied).
  http::Response forward(http::Request& request, const http::TrustedProxies& trusted);

  std::size_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
  std::size_t replica_count() const { return replicas_.size(); }
  const std::string& replica_url(std::size_t i) const { return replicas_[i]->base; }
  BreakerState breaker_state(std::size_t i) const { return replicas_[i]->breaker.state(); }
  const UpstreamStats& stats() const { return stats_; }
  // Registers the gauges (in flight, breaker state per replica), reading through `self` weakly.
  // Counters sp_gateway_upstream_requests_total{upstream,outcome} (outcome = an UpstreamStats
  // field) and sp_gateway_upstream_retries_total{upstream} are added as requests finish.
  void register_metrics(std::shared_ptr<const Upstream> self) const;

 private:
  struct Replica {
    Replica(std::string url, BreakerOptions breaker_options, const Clock& clock)
        : base(std::move(url)), breaker(breaker_options, clock) {}
    std::string base;
    CircuitBreaker breaker;
  };
  // The next replica whose breaker lets a request through, round robin, preferring one this
  // request has not `tried` yet (a retry goes to another replica while one is available, even
  // when concurrent requests moved the round robin on); null when all are open.
  Replica* pick(const std::vector<const Replica*>& tried);
  std::chrono::milliseconds soonest_probe() const;
  http::Response send_live(http::ClientRequest& request, Replica& replica,
                           std::string_view instance, bool& failed);
  void count(std::atomic<uint64_t> UpstreamStats::*field, std::string_view outcome);

  const UpstreamOptions options_;
  metrics::Metrics* const metrics_;
  const std::string upstream_label_;
  std::vector<std::unique_ptr<Replica>> replicas_;
  std::unique_ptr<http::HttpClient> client_;
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> in_flight_{0};
  UpstreamStats stats_;
};

// A problem+json answer for any status (502 and 504 have no ErrorCode), Retry-After when > 0.
http::Response proxy_problem(int status, std::string_view detail, std::string_view instance,
                             int retry_after_seconds = 0);

}  // namespace sp::gateway
