#include "strangeprompt/service/service_cache.hpp"

#include "strangeprompt/core/settings.hpp"

namespace sp::service {
namespace {

using std::chrono::milliseconds;

std::string read_backend(SettingsReader& s) {
  return s.one_of("cache.backend", "memory", {"memory", "redis"});
}

cache::RedisOptions read_redis(SettingsReader& s) {
  cache::RedisOptions o;
  if (auto url = s.secret("cache.redis.url")) o.url = *url;
  o.key_prefix = s.text("cache.redis.key_prefix", o.key_prefix);
  o.pool_size = s.size("cache.redis.pool_size", o.pool_size, 1, 1024);
  o.connect_timeout =
      s.millis("cache.redis.connect_timeout_ms", o.connect_timeout, milliseconds(1));
  o.command_timeout =
      s.millis("cache.redis.command_timeout_ms", o.command_timeout, milliseconds(1));
  o.retry_interval = s.millis("cache.redis.retry_interval_ms", o.retry_interval);
  o.lock_ttl = s.millis("cache.redis.lock_ttl_ms", o.lock_ttl, milliseconds(1));
  o.lock_wait = s.millis("cache.redis.lock_wait_ms", o.lock_wait);
  o.limiter_fail_open = s.boolean("cache.redis.limiter_fail_open", o.limiter_fail_open);
  return o;
}

}  // namespace

cache::CacheOptions cache_options(SettingsReader& settings, const Clock& clock) {
  cache::CacheOptions o;
  o.backend = read_backend(settings);
  o.clock = &clock;
  if (o.backend == "redis") {
    o.redis = read_redis(settings);
    // The factory checks the URL without connecting: a malformed one fails start-up by name.
    if (auto made = cache::Cache::create(o); !made.ok()) {
      settings.reject("cache.redis.url", made.error().message);
    }
  }
  return o;
}

cache::RateLimiterOptions rate_limiter_options(SettingsReader& settings, const Clock& clock) {
  const cache::CacheOptions c = cache_options(settings, clock);
  cache::RateLimiterOptions o;
  o.backend = c.backend;
  o.redis = c.redis;
  o.clock = &clock;
  return o;
}

}  // namespace sp::service
