#pragma once
// The reuse grace window of refresh tokens: for a short while after a token was rotated, it maps
// the token's hash to the successor that rotation issued, so a client that never received the
// answer (a browser reload aborted the request) or that raced itself (two tabs refreshing with
// one cookie) gets that same successor instead of losing its session. In memory only: another
// replica does not know the rotation and treats the old token as reused.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "logic/issued_refresh_token.hpp"

namespace sp::auth {

class RecentRotations {
 public:
  static constexpr std::size_t kDefaultCapacity = 100'000;

  explicit RecentRotations(std::size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  // Remembers that the token hashed as `rotated_hash` was replaced by `successor` until
  // `expires_at_ms`. Drops expired entries, then the oldest ones beyond the capacity. A second
  // call for the same hash (a retried transaction) replaces the first.
  void remember(const std::string& rotated_hash, const IssuedRefreshToken& successor,
                int64_t expires_at_ms, int64_t now_ms);
  // The successor of `rotated_hash` while its entry has not expired at `now_ms`.
  std::optional<IssuedRefreshToken> successor_of(const std::string& rotated_hash,
                                                 int64_t now_ms) const;
  // Entries held (expired ones included until the next remember()).
  std::size_t size() const;

 private:
  struct Entry {
    IssuedRefreshToken successor;
    int64_t expires_at_ms = 0;
    uint64_t sequence = 0;
  };
  struct Inserted {
    std::string hash;
    int64_t expires_at_ms = 0;
    uint64_t sequence = 0;
  };
  void drop_oldest();

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::deque<Inserted> order_;  // insertion order, so (with one grace period) expiry order
  uint64_t next_sequence_ = 0;
};

}  // namespace sp::auth
