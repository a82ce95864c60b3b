// Cache::create and RateLimiter::create: pick the adapter from the options' backend.
#include "memory_cache.hpp"
#include "memory_rate_limiter.hpp"

namespace sp::cache {
namespace {

Status check_memory_options(std::size_t capacity, std::size_t shards) {
  if (capacity == 0 || shards == 0) return Error::invalid("cache: capacity and shards must be > 0");
  return ok_status();
}

Error not_supported(const std::string& backend) {
  return Error{ErrorCode::kNotSupported, "cache: the " + backend + " backend is not available yet"};
}

}  // namespace

Result<std::unique_ptr<Cache>> Cache::create(const CacheOptions& options) {
  if (options.backend == "redis") return not_supported(options.backend);
  if (options.backend != "memory")
    return Error::invalid("cache: unknown backend '" + options.backend + "'");
  SP_TRY(check_memory_options(options.max_entries, options.shards));
  const Clock& clock = options.clock != nullptr ? *options.clock : Clock::system();
  return std::unique_ptr<Cache>(std::make_unique<MemoryCache>(
      clock, options.max_entries, std::min(options.shards, options.max_entries)));
}

Result<std::unique_ptr<RateLimiter>> RateLimiter::create(const RateLimiterOptions& options) {
  if (options.backend == "redis") return not_supported(options.backend);
  if (options.backend != "memory") {
    return Error::invalid("rate limiter: unknown backend '" + options.backend + "'");
  }
  SP_TRY(check_memory_options(options.max_keys, options.shards));
  const Clock& clock = options.clock != nullptr ? *options.clock : Clock::system();
  return std::unique_ptr<RateLimiter>(std::make_unique<MemoryRateLimiter>(
      clock, options.max_keys, std::min(options.shards, options.max_keys)));
}

}  // namespace sp::cache
