#pragma once
// Verifies access tokens made by TokenIssuer. Strict by design: alg pinned to "EdDSA", typ
// "at+jwt", kid resolved only through the KeyResolver (jku/x5u/jwk/x5c are ignored), any `crit`
// rejected, canonical base64url only, iss/aud/exp/nbf/iat checked with leeway.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/security/key_resolver.hpp"

namespace sp::security {

// Larger tokens are rejected unread; the issuer refuses to make them.
inline constexpr std::size_t kMaxAccessTokenBytes = 8 * 1024;

struct VerifierOptions {
  std::string issuer;               // required value of iss
  std::string audience;             // must equal aud, or be one of the aud array
  std::chrono::seconds leeway{60};  // clock skew allowed on exp, nbf and iat
  std::size_t max_token_bytes = kMaxAccessTokenBytes;
  std::size_t cache_entries = 10'000;  // verified tokens remembered (see verify()); 0: none
};

struct VerifiedToken {
  std::string sub;
  std::vector<std::string> scopes;
  std::string jti;
  int64_t exp = 0;
  std::string kid;
  std::string sid;  // the session the token belongs to; "" when the token carries none
};

// How the verified-token cache is doing; all zero when it is disabled.
struct VerifierCacheStats {
  std::size_t entries = 0;  // expired entries count until evicted or looked up again
  uint64_t hits = 0;        // lookups that found a live entry (its key is re-checked after)
  uint64_t misses = 0;      // lookups that did not: the token was verified in full
};

namespace detail {
class VerifiedTokenCache;
}

class TokenVerifier {
 public:
  TokenVerifier(VerifierOptions options, KeyResolver& keys, const Clock& clock);
  ~TokenVerifier();
  TokenVerifier(TokenVerifier&&) noexcept;

  // The token's identity and scopes, or kUnauthenticated with the public message "invalid token"
  // and the reason in Error::internal (for logs only). Thread-safe if the resolver is.
  // Successes are remembered by the token's SHA-256 until its exp: a repeat skips the signature
  // check but still re-checks exp/nbf/iat and that its kid resolves to the same key (if not, the
  // token is verified in full again), so the answer is the one an uncached verifier would give.
  Result<VerifiedToken> verify(std::string_view token) const;

  VerifierCacheStats cache_stats() const;

 private:
  VerifierOptions options_;
  KeyResolver& keys_;
  const Clock& clock_;
  std::unique_ptr<detail::VerifiedTokenCache> cache_;  // null when options_.cache_entries is 0
};

}  // namespace sp::security
