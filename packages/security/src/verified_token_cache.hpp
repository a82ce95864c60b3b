#pragma once
// Successful token verifications, remembered so that a token reused across many requests pays for
// its Ed25519 check once. Keyed by the SHA-256 of the whole compact token: the bearer token itself
// is never kept, and any change to it (a forgery) is a different key. Bounded and sharded (one
// mutex per shard) with CLOCK eviction; an entry never outlives its token's exp. Thread-safe.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "strangeprompt/security/token_verifier.hpp"

namespace sp::security::detail {

using TokenDigest = std::array<unsigned char, 32>;

// SHA-256 of the compact token, as sent.
TokenDigest token_digest(std::string_view token);

// What a full verification established, with what is needed to re-check what time can change.
struct CachedVerification {
  VerifiedToken token;     // token.exp also ends the entry's life in the cache
  std::string public_key;  // what token.kid resolved to when the signature was checked
  std::optional<int64_t> nbf;
  int64_t iat = 0;
};

class VerifiedTokenCache {
 public:
  static constexpr std::size_t kDefaultShards = 16;

  // At most `capacity` entries in all, spread over min(shards, capacity) shards; 0 keeps nothing.
  explicit VerifiedTokenCache(std::size_t capacity, std::size_t shards = kDefaultShards);
  ~VerifiedTokenCache();
  VerifiedTokenCache(const VerifiedTokenCache&) = delete;
  VerifiedTokenCache& operator=(const VerifiedTokenCache&) = delete;

  // The entry for `digest` if there is one and now < its token's exp, else null (counted as a
  // miss; an expired entry is dropped on the way).
  std::shared_ptr<const CachedVerification> find(const TokenDigest& digest, int64_t now);
  // Remembers `entry` under `digest` (replacing any entry there) unless its token has expired at
  // `now`. A full shard first evicts an expired entry, else one not found since the hand passed.
  void insert(const TokenDigest& digest, std::shared_ptr<const CachedVerification> entry,
              int64_t now);

  VerifierCacheStats stats() const;
  std::size_t capacity() const { return capacity_; }

 private:
  struct Shard;  // in the .cpp: the map, the slots and the clock hand behind one mutex
  Shard& shard_for(const TokenDigest& digest) const;

  std::size_t capacity_;
  std::size_t shard_count_;
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace sp::security::detail
