#pragma once
// The Redis RateLimiter: GCRA in one Lua script (EVALSHA, EVAL fallback), so every replica
// spends from the same TAT under <prefix>r:<key>, which expires when it passes (an expired key
// equals a full bucket). Time comes from the Redis server (TIME) unless a clock is injected.
// While Redis is unreachable the limiter fails open or closed as RedisOptions says.
#include <atomic>

#include "redis_pool.hpp"
#include "redis_script.hpp"
#include "strangeprompt/cache/rate_limiter.hpp"

namespace sp::cache::redis {

class RedisRateLimiter final : public RateLimiter {
 public:
  // `clock` null: the server's clock.
  RedisRateLimiter(RedisEndpoint endpoint, const RedisOptions& options, const Clock* clock);

  Result<Decision> acquire(std::string_view key, const Limit& limit, int64_t cost) override;

  // Decisions made without Redis (by limiter_fail_open).
  int64_t failures() const { return failures_.load(); }

 private:
  RedisOptions options_;
  const Clock* clock_;
  Pool pool_;
  Script gcra_;
  std::atomic<int64_t> failures_{0};
};

}  // namespace sp::cache::redis
