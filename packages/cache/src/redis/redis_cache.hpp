#pragma once
// The Redis Cache adapter. Values live under <prefix>c:<key> with a PX expiry; each is stored
// behind an 8-byte header holding its expiry by an injected clock (0 when the server's TTL
// decides). Every Redis failure reads as a miss, so callers fall through to their store.
// get_or_load adds single flight across replicas: the loading replica holds <prefix>l:<key>
// (SET NX PX lock_ttl, released only by its owner); others poll for the value for up to
// lock_wait, then load it themselves.
#include <atomic>
#include <memory>

#include "redis_pool.hpp"
#include "redis_script.hpp"
#include "strangeprompt/cache/cache.hpp"

namespace sp::cache::redis {

class RedisCache final : public Cache {
 public:
  // `clock` null: the server's TTL decides expiry.
  RedisCache(RedisEndpoint endpoint, const RedisOptions& options, const Clock* clock);

  std::optional<std::string> get(std::string_view key) override;
  Status set(std::string_view key, std::string value, std::chrono::milliseconds ttl) override;
  Status del(std::string_view key) override;
  Status ping() override;

  // Observability for tests and metrics: loads that found another replica's lock and waited.
  int64_t lock_waits() const { return lock_waits_.load(); }
  // Calls that met a Redis failure and fell through (a miss, a skipped set).
  int64_t failures() const { return failures_.load(); }

 protected:
  Result<std::string> load_as_leader(std::string_view key, std::chrono::milliseconds ttl,
                                     const Loader& loader) override;

 private:
  std::string value_key(std::string_view key) const;
  std::string lock_key(std::string_view key) const;
  // The value unless absent, expired by the injected clock, or Redis failed (`failed` set).
  std::optional<std::string> read(std::string_view key, bool& failed);

  RedisOptions options_;
  const Clock* clock_;
  Pool pool_;
  Script unlock_;
  std::atomic<int64_t> lock_waits_{0};
  std::atomic<int64_t> failures_{0};
};

}  // namespace sp::cache::redis
