#pragma once
// Ed25519 signing keys for access tokens: the current key signs, retired keys keep verifying
// until their not_after so tokens signed just before a rotation stay valid. Times are Unix
// seconds. SigningKeySet is a plain value (not thread-safe); KeyRing shares one across threads.
#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/result.hpp"

namespace sp::security {

struct KeyPair {
  static constexpr int64_t kNoExpiry = std::numeric_limits<int64_t>::max();

  std::string kid;         // key id, carried in the token header
  std::string public_key;  // 32 bytes
  std::string secret_key;  // 64 bytes (libsodium layout: seed then public key); never log it
  int64_t created_at = 0;
  int64_t not_after = kNoExpiry;  // verifies only while now < not_after

  // A fresh random key pair with a random kid.
  static KeyPair generate(int64_t now);
  bool usable_at(int64_t now) const { return now < not_after; }
};

class SigningKeySet {
 public:
  // One fresh current key.
  static SigningKeySet create(int64_t now);

  // Makes a new current key (new kid). The old current key keeps verifying for `grace`, which
  // must cover the longest access-token lifetime plus leeway; expired keys are dropped.
  void rotate(int64_t now, std::chrono::seconds grace = std::chrono::hours(1));
  // Drops keys no longer usable at `now` (never the current key).
  void prune(int64_t now);

  // The key that signs new tokens.
  const KeyPair& current() const { return keys_.front(); }
  // The key named `kid` if it still verifies at `now`, else null.
  const KeyPair* find(std::string_view kid, int64_t now) const;
  // Current key first, then retired keys, newest first.
  const std::vector<KeyPair>& keys() const { return keys_; }

  // Everything, secret keys included, for the auth service to persist (encrypted at rest).
  std::string to_json() const;
  // Inverse of to_json(); kInvalidArgument unless every key is well-formed and self-consistent.
  static Result<SigningKeySet> from_json(std::string_view json);
  // RFC 7517 JWK Set of the public keys usable at `now` (kty OKP, crv Ed25519, alg EdDSA).
  std::string jwks_json(int64_t now) const;

 private:
  explicit SigningKeySet(std::vector<KeyPair> keys) : keys_(std::move(keys)) {}
  std::vector<KeyPair> keys_;  // never empty; keys_[0] is current
};

}  // namespace sp::security
