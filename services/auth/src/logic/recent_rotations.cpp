#include "logic/recent_rotations.hpp"

namespace sp::auth {

void RecentRotations::remember(const std::string& rotated_hash, const IssuedRefreshToken& successor,
                               int64_t expires_at_ms, int64_t now_ms) {
  std::lock_guard lock(mutex_);
  while (!order_.empty() && order_.front().expires_at_ms <= now_ms) drop_oldest();
  const uint64_t sequence = next_sequence_++;
  entries_[rotated_hash] =
      Entry{.successor = successor, .expires_at_ms = expires_at_ms, .sequence = sequence};
  order_.push_back({.hash = rotated_hash, .expires_at_ms = expires_at_ms, .sequence = sequence});
  while (order_.size() > capacity_) drop_oldest();
}

std::optional<IssuedRefreshToken> RecentRotations::successor_of(const std::string& rotated_hash,
                                                                int64_t now_ms) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(rotated_hash);
  if (it == entries_.end() || now_ms >= it->second.expires_at_ms) return std::nullopt;
  return it->second.successor;
}

std::size_t RecentRotations::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

// Drops the oldest insertion; its entry goes only if a later remember() did not replace it.
void RecentRotations::drop_oldest() {
  const Inserted& oldest = order_.front();
  auto it = entries_.find(oldest.hash);
  if (it != entries_.end() && it->second.sequence == oldest.sequence) entries_.erase(it);
  order_.pop_front();
}

}  // namespace sp::auth
