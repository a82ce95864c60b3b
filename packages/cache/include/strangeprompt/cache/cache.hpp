#pragma once
// The Cache port: string values under string keys with a time to live. A cache may forget any
// entry at any time (expiry, eviction, restart), so it only ever holds copies of data owned
// elsewhere.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "strangeprompt/cache/redis_options.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::cache {

namespace detail {
class FlightTable;
}

struct CacheOptions {
  std::string backend = "memory";     // "memory" (in-process) | "redis"
  std::size_t max_entries = 100'000;  // memory: beyond it the least recently used entries go
  std::size_t shards = 16;            // memory: independent locks
  // Expiry. nullptr or Clock::system(): the Redis adapter leaves expiry to the server's TTL; an
  // injected clock (tests) decides expiry itself, the server keeping entries a minute longer.
  const Clock* clock = nullptr;
  RedisOptions redis{};  // backend "redis"
};

class Cache {
 public:
  using Loader = std::function<Result<std::string>()>;

  Cache();
  virtual ~Cache();
  // Picks the adapter from options.backend ("memory" or "redis"); kInvalidArgument for any other
  // backend or a malformed option (a bad redis.url). Creating a Redis cache does not connect:
  // an unreachable server shows in ping() and as misses.
  static Result<std::unique_ptr<Cache>> create(const CacheOptions& options);

  // The value, or nullopt when absent or expired (a backend failure also reads as a miss).
  virtual std::optional<std::string> get(std::string_view key) = 0;
  // Stores `value` for `ttl` (> 0, else kInvalidArgument), replacing any previous value.
  virtual Status set(std::string_view key, std::string value, std::chrono::milliseconds ttl) = 0;
  // Removes the key; removing a missing key is not an error.
  virtual Status del(std::string_view key) = 0;
  // Whether the backend answers (kUnavailable when not); the in-process cache always does.
  virtual Status ping() { return ok_status(); }

  // Cache-aside with single flight: on a miss, concurrent callers for one key share a single
  // loader call. A loaded value is cached for `ttl`; a loader error goes to every waiter uncached.
  Result<std::string> get_or_load(std::string_view key, std::chrono::milliseconds ttl,
                                  const Loader& loader);

 protected:
  // The leader's load once the in-process single flight has chosen it: by default calls the
  // loader and caches a success. Adapters shared by replicas override it to load once across
  // them. Must not throw except what the loader throws.
  virtual Result<std::string> load_as_leader(std::string_view key, std::chrono::milliseconds ttl,
                                             const Loader& loader);

 private:
  std::unique_ptr<detail::FlightTable> flights_;
};

}  // namespace sp::cache
