#include "memory_rate_limiter.hpp"

#include <algorithm>

#include "gcra.hpp"

namespace sp::cache {

MemoryRateLimiter::MemoryRateLimiter(const Clock& clock, std::size_t max_keys, std::size_t shards)
    : clock_(clock), per_shard_((max_keys + shards - 1) / shards) {
  for (std::size_t i = 0; i < shards; ++i) shards_.push_back(std::make_unique<Shard>());
}

void MemoryRateLimiter::make_room(Shard& shard, int64_t now_us) {
  std::erase_if(shard.tat_us, [&](const auto& kv) { return kv.second <= now_us; });
  if (shard.tat_us.size() < per_shard_) return;
  auto closest_to_full =
      std::min_element(shard.tat_us.begin(), shard.tat_us.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  shard.tat_us.erase(closest_to_full);
}

Result<Decision> MemoryRateLimiter::acquire(std::string_view key, const Limit& limit,
                                            int64_t cost) {
  SP_TRY(validate_gcra(limit, cost));
  const int64_t now_us =
      std::chrono::duration_cast<std::chrono::microseconds>(clock_.now().time_since_epoch())
          .count();
  Shard& shard = *shards_[detail::StringHash{}(key) % shards_.size()];
  std::lock_guard lock(shard.mu);
  auto it = shard.tat_us.find(key);
  const GcraStep step = gcra_step(it == shard.tat_us.end() ? 0 : it->second, now_us, limit, cost);
  if (it != shard.tat_us.end()) {
    it->second = step.tat_us;
  } else if (step.tat_us > now_us) {  // a key at full capacity needs no entry
    if (shard.tat_us.size() >= per_shard_) make_room(shard, now_us);
    shard.tat_us.emplace(std::string(key), step.tat_us);
  }
  return step.decision;
}

}  // namespace sp::cache
