#include "verified_token_cache.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sodium_init.hpp"

namespace sp::security::detail {
namespace {

using Entry = std::shared_ptr<const CachedVerification>;

// The digest is already uniformly random: two of its words serve as hash and shard number.
std::size_t digest_word(const TokenDigest& digest, std::size_t word) {
  std::size_t value = 0;
  std::memcpy(&value, digest.data() + word * sizeof value, sizeof value);
  return value;
}

struct DigestHash {
  std::size_t operator()(const TokenDigest& digest) const { return digest_word(digest, 0); }
};

bool expired(const Entry& entry, int64_t now) {
  return now >= entry->token.exp;
}

}  // namespace

TokenDigest token_digest(std::string_view token) {
  ensure_sodium();
  TokenDigest digest;
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  return digest;
}

// One shard: `slots` is the CLOCK ring (it grows up to `capacity`, then entries are replaced in
// place); `index` maps each digest to its slot. Cache-line aligned so shards' locks do not share.
struct alignas(64) VerifiedTokenCache::Shard {
  struct Slot {
    TokenDigest digest{};
    Entry entry;  // null: the slot is free
    bool referenced = false;
  };

  void drop(std::size_t at) {  // caller holds mu
    index.erase(slots[at].digest);
    slots[at].entry.reset();
    free_slots.push_back(at);
  }

  // A free slot, taken from the free list, by growing, or by evicting: the first expired or
  // unreferenced entry under the hand, clearing reference bits as it passes (two turns at most).
  std::size_t take_slot(int64_t now) {  // caller holds mu; capacity > 0
    if (!free_slots.empty()) {
      const std::size_t at = free_slots.back();
      free_slots.pop_back();
      return at;
    }
    if (slots.size() < capacity) {
      slots.emplace_back();
      return slots.size() - 1;
    }
    for (;;) {
      const std::size_t at = hand;
      hand = (hand + 1) % slots.size();
      Slot& slot = slots[at];
      if (!slot.referenced || expired(slot.entry, now)) {
        index.erase(slot.digest);
        return at;
      }
      slot.referenced = false;
    }
  }

  std::mutex mu;
  std::size_t capacity = 0;
  std::vector<Slot> slots;                                         // guarded by mu
  std::unordered_map<TokenDigest, std::size_t, DigestHash> index;  // guarded by mu
  std::vector<std::size_t> free_slots;                             // guarded by mu
  std::size_t hand = 0;                                            // guarded by mu
  uint64_t hits = 0;                                               // guarded by mu
  uint64_t misses = 0;                                             // guarded by mu
};

VerifiedTokenCache::VerifiedTokenCache(std::size_t capacity, std::size_t shards)
    : capacity_(capacity),
      shard_count_(std::max<std::size_t>(1, std::min(shards, capacity))),
      shards_(std::make_unique<Shard[]>(shard_count_)) {
  // Split exactly, so the shards' capacities add up to `capacity` and never more.
  for (std::size_t i = 0; i < shard_count_; ++i) {
    shards_[i].capacity = capacity / shard_count_ + (i < capacity % shard_count_ ? 1 : 0);
    shards_[i].index.reserve(shards_[i].capacity);
  }
}

VerifiedTokenCache::~VerifiedTokenCache() = default;

VerifiedTokenCache::Shard& VerifiedTokenCache::shard_for(const TokenDigest& digest) const {
  return shards_[digest_word(digest, 1) % shard_count_];
}

std::shared_ptr<const CachedVerification> VerifiedTokenCache::find(const TokenDigest& digest,
                                                                   int64_t now) {
  Shard& shard = shard_for(digest);
  const std::lock_guard lock(shard.mu);
  const auto it = shard.index.find(digest);
  if (it == shard.index.end()) {
    ++shard.misses;
    return nullptr;
  }
  Shard::Slot& slot = shard.slots[it->second];
  if (expired(slot.entry, now)) {
    shard.drop(it->second);
    ++shard.misses;
    return nullptr;
  }
  slot.referenced = true;
  ++shard.hits;
  return slot.entry;
}

void VerifiedTokenCache::insert(const TokenDigest& digest,
                                std::shared_ptr<const CachedVerification> entry, int64_t now) {
  if (entry == nullptr || expired(entry, now)) return;
  Shard& shard = shard_for(digest);
  if (shard.capacity == 0) return;
  const std::lock_guard lock(shard.mu);
  if (const auto it = shard.index.find(digest); it != shard.index.end()) {
    shard.slots[it->second].entry = std::move(entry);
    return;
  }
  const std::size_t at = shard.take_slot(now);
  // Born unreferenced: a token seen once goes before the ones that keep coming back.
  shard.slots[at] = Shard::Slot{digest, std::move(entry), false};
  shard.index.emplace(digest, at);
}

VerifierCacheStats VerifiedTokenCache::stats() const {
  VerifierCacheStats total;
  for (std::size_t i = 0; i < shard_count_; ++i) {
    Shard& shard = shards_[i];
    const std::lock_guard lock(shard.mu);
    total.entries += shard.index.size();
    total.hits += shard.hits;
    total.misses += shard.misses;
  }
  return total;
}

}  // namespace sp::security::detail
