#pragma once
// The Redis failure counters of one adapter ("use": cache, limiter, pubsub) in /metrics:
//   sp_redis_command_errors_total{use}    commands (and connection attempts) that got no usable
//                                         answer for a reason other than a timeout: refused,
//                                         reset or closed connections, failing fast while Redis
//                                         is marked down
//   sp_redis_command_timeouts_total{use}  connects, commands and waits for a pooled connection
//                                         that passed their timeout
//   sp_redis_reconnects_total{use}        connections opened again after a failure
// Every series is written as 0 when the adapter is made, so a scrape shows it before any outage.
// Without a Metrics registry (tests, benches) only the in-memory totals move.
#include <atomic>
#include <cstdint>
#include <string>

namespace sp::metrics {
class Metrics;
}

namespace sp::cache::redis {

class RedisCounters {
 public:
  RedisCounters(metrics::Metrics* metrics, std::string use);

  void error();
  void timeout();
  void reconnect();

  int64_t errors() const { return errors_.load(); }
  int64_t timeouts() const { return timeouts_.load(); }
  int64_t reconnects() const { return reconnects_.load(); }

 private:
  metrics::Metrics* metrics_;
  std::string labels_;
  std::atomic<int64_t> errors_{0};
  std::atomic<int64_t> timeouts_{0};
  std::atomic<int64_t> reconnects_{0};
};

// hiredis context error → whether it was a timeout (connect or read/write).
bool is_timeout(int hiredis_err, int saved_errno, const char* errstr);

}  // namespace sp::cache::redis
