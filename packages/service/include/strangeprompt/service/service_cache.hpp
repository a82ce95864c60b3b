#pragma once
// The cache and rate limiter backend from config, shared by every service of a process (also the
// backend of the notifications live signals' cache::PubSub):
//   cache.backend                    "memory" (default: in-process, per replica) | "redis"
//   cache.redis.url                  redis://[[user]:password@]host[:port][/db]
//                                    (or cache.redis.url_file: a secret holding it)
//   cache.redis.key_prefix           "sp:"; distinct per deployment sharing one Redis
//   cache.redis.pool_size            8 connections per adapter (1..1024)
//   cache.redis.connect_timeout_ms   200
//   cache.redis.command_timeout_ms   200
//   cache.redis.retry_interval_ms    500: after a failure, calls fail fast this long
//   cache.redis.lock_ttl_ms          5000: single flight across replicas, the loader's lock
//   cache.redis.lock_wait_ms         1000: how long other replicas poll before loading
//   cache.redis.limiter_fail_open    true: allow when Redis is down; false: deny (429)
// The process clock is Clock::system(), so the Redis adapters use the server's time and TTLs.
#include <memory>

#include "strangeprompt/cache/cache.hpp"
#include "strangeprompt/cache/rate_limiter.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp {
class Config;
class Clock;
class SettingsReader;
}  // namespace sp

namespace sp::service {

// Bad values are recorded in `settings` (and the defaults returned). `clock` goes into both.
cache::CacheOptions cache_options(SettingsReader& settings, const Clock& clock);
cache::RateLimiterOptions rate_limiter_options(SettingsReader& settings, const Clock& clock);

}  // namespace sp::service
