#pragma once
// Settings of the Redis adapters (Cache, RateLimiter, PubSub). Shared by the option structs;
// only read when their backend is "redis".
#include <chrono>
#include <cstddef>
#include <string>

namespace sp::metrics {
class Metrics;
}

namespace sp::cache {

struct RedisOptions {
  // redis://[[user]:password@]host[:port][/db]; host must be a name or an IPv4/[IPv6] address.
  std::string url = "redis://127.0.0.1:6379/0";
  std::string key_prefix = "sp:";  // every key this process writes starts with it
  std::size_t pool_size = 8;       // connections per adapter, opened on demand
  std::chrono::milliseconds connect_timeout{200};
  std::chrono::milliseconds command_timeout{200};  // also the longest wait for a free connection
  // After a failure on a fresh connection, calls fail fast for this long before the adapter tries
  // to reconnect (so a Redis outage costs one timeout per interval, not one per request).
  std::chrono::milliseconds retry_interval{500};
  // Cache single flight across replicas: a miss takes a lock key for `lock_ttl`; other replicas
  // poll for the value for up to `lock_wait`, then load it themselves.
  std::chrono::milliseconds lock_ttl{5'000};
  std::chrono::milliseconds lock_wait{1'000};
  // RateLimiter while Redis is unreachable: true allows every request (availability first),
  // false denies with Retry-After = retry_interval.
  bool limiter_fail_open = true;
  // PubSub: the subscriber connection sends PING after this long without traffic and, when no
  // answer comes within command_timeout, takes the connection for dead and reconnects (a server
  // or a network path gone without closing the socket). Not a setting.
  std::chrono::milliseconds subscriber_ping{5'000};
  // Where the adapters count Redis failures (sp_redis_command_errors_total{use},
  // sp_redis_command_timeouts_total{use}, sp_redis_reconnects_total{use}) and the limiter its
  // decisions made without Redis (sp_redis_limiter_fallback_total{decision}); null: nowhere.
  // Not a setting: the composition root or the service sets it. Outlives the adapters.
  metrics::Metrics* metrics = nullptr;
};

}  // namespace sp::cache
