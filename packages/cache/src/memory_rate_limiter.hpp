#pragma once
// The in-process RateLimiter: one TAT per key in sharded maps. A key whose TAT has passed is the
// same as an unknown key, so a full shard first drops those, then the key closest to full.
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "strangeprompt/cache/rate_limiter.hpp"
#include "string_key.hpp"

namespace sp::cache {

class MemoryRateLimiter final : public RateLimiter {
 public:
  MemoryRateLimiter(const Clock& clock, std::size_t max_keys, std::size_t shards);

  Result<Decision> acquire(std::string_view key, const Limit& limit, int64_t cost) override;

 private:
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, int64_t, detail::StringHash, std::equal_to<>>
        tat_us;  // guarded by mu
  };
  void make_room(Shard& shard, int64_t now_us);  // requires shard.mu

  const Clock& clock_;
  std::size_t per_shard_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace sp::cache
