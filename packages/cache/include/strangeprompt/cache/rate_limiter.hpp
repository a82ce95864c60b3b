#pragma once
// The RateLimiter port: GCRA (the generic cell rate algorithm, a leaky bucket without a timer).
// A key may spend `burst` units at once and then `rate` units per `period`, smoothly refilled.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "strangeprompt/cache/redis_options.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::cache {

struct Limit {
  int64_t rate = 1;                         // units per period, > 0
  std::chrono::milliseconds period{1'000};  // > 0
  int64_t burst = 1;                        // units available at once, >= 1
};

struct Decision {
  bool allowed = false;
  std::chrono::milliseconds retry_after{0};  // when denied: wait at least this long (rounded up)
  int64_t remaining = 0;                     // units that could still be spent right now
};

struct RateLimiterOptions {
  std::string backend = "memory";  // "memory" (in-process) | "redis" (shared by replicas)
  std::size_t max_keys = 100'000;  // memory: beyond it the key closest to full is forgotten
  std::size_t shards = 16;
  // nullptr = Clock::system(). The Redis adapter then uses the Redis server's clock, so replicas
  // whose clocks drift still agree; an injected clock (tests) passes its own time.
  const Clock* clock = nullptr;
  RedisOptions redis{};  // backend "redis" (redis.limiter_fail_open: see redis_options.hpp)
};

class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  // Picks the adapter from options.backend ("memory" or "redis"); kInvalidArgument otherwise.
  static Result<std::unique_ptr<RateLimiter>> create(const RateLimiterOptions& options);

  // Spends `cost` units of `key` when available; a denied request spends nothing. cost 0 only
  // reports. kInvalidArgument for a malformed limit, a negative cost or cost > burst.
  virtual Result<Decision> acquire(std::string_view key, const Limit& limit, int64_t cost = 1) = 0;
};

}  // namespace sp::cache
