// Cache::create, RateLimiter::create and PubSub::create: pick the adapter from the options'
// backend.
#include "memory_cache.hpp"
#include "memory_pubsub.hpp"
#include "memory_rate_limiter.hpp"
#include "redis/redis_cache.hpp"
#include "redis/redis_pubsub.hpp"
#include "redis/redis_rate_limiter.hpp"

namespace sp::cache {
namespace {

Status check_memory_options(std::size_t capacity, std::size_t shards) {
  if (capacity == 0 || shards == 0) return Error::invalid("cache: capacity and shards must be > 0");
  return ok_status();
}

Result<redis::RedisEndpoint> check_redis_options(const RedisOptions& o) {
  if (o.pool_size == 0) return Error::invalid("cache: redis pool_size must be > 0");
  if (o.connect_timeout.count() <= 0 || o.command_timeout.count() <= 0 || o.lock_ttl.count() <= 0 ||
      o.lock_wait.count() < 0 || o.retry_interval.count() < 0) {
    return Error::invalid("cache: redis timeouts must be positive");
  }
  return redis::parse_redis_url(o.url);
}

// The system clock means "the server's clock"; only an injected clock is passed on.
const Clock* injected(const Clock* clock) {
  return clock == &Clock::system() ? nullptr : clock;
}

}  // namespace

Result<std::unique_ptr<Cache>> Cache::create(const CacheOptions& options) {
  if (options.backend == "redis") {
    SP_ASSIGN_OR_RETURN(redis::RedisEndpoint endpoint, check_redis_options(options.redis));
    return std::unique_ptr<Cache>(std::make_unique<redis::RedisCache>(
        std::move(endpoint), options.redis, injected(options.clock)));
  }
  if (options.backend != "memory")
    return Error::invalid("cache: unknown backend '" + options.backend + "'");
  SP_TRY(check_memory_options(options.max_entries, options.shards));
  const Clock& clock = options.clock != nullptr ? *options.clock : Clock::system();
  return std::unique_ptr<Cache>(std::make_unique<MemoryCache>(
      clock, options.max_entries, std::min(options.shards, options.max_entries)));
}

Result<std::unique_ptr<RateLimiter>> RateLimiter::create(const RateLimiterOptions& options) {
  if (options.backend == "redis") {
    SP_ASSIGN_OR_RETURN(redis::RedisEndpoint endpoint, check_redis_options(options.redis));
    return std::unique_ptr<RateLimiter>(std::make_unique<redis::RedisRateLimiter>(
        std::move(endpoint), options.redis, injected(options.clock)));
  }
  if (options.backend != "memory") {
    return Error::invalid("rate limiter: unknown backend '" + options.backend + "'");
  }
  SP_TRY(check_memory_options(options.max_keys, options.shards));
  const Clock& clock = options.clock != nullptr ? *options.clock : Clock::system();
  return std::unique_ptr<RateLimiter>(std::make_unique<MemoryRateLimiter>(
      clock, options.max_keys, std::min(options.shards, options.max_keys)));
}

Result<std::unique_ptr<PubSub>> PubSub::create(const PubSubOptions& options) {
  if (options.backend == "redis") {
    SP_ASSIGN_OR_RETURN(redis::RedisEndpoint endpoint, check_redis_options(options.redis));
    return std::unique_ptr<PubSub>(
        std::make_unique<redis::RedisPubSub>(std::move(endpoint), options.redis));
  }
  if (options.backend != "memory") {
    return Error::invalid("pubsub: unknown backend '" + options.backend + "'");
  }
  return std::unique_ptr<PubSub>(std::make_unique<MemoryPubSub>());
}

}  // namespace sp::cache
