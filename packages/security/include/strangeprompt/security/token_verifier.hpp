#pragma once
// Verifies access tokens made by TokenIssuer. Strict by design: alg pinned to "EdDSA", typ
// "at+jwt", kid resolved only through the KeyResolver (jku/x5u/jwk/x5c are ignored), any `crit`
// rejected, canonical base64url only, iss/aud/exp/nbf/iat checked with leeway.
#include <chrono>
#include <cstddef>
#include <cstdint>
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
};

struct VerifiedToken {
  std::string sub;
  std::vector<std::string> scopes;
  std::string jti;
  int64_t exp = 0;
  std::string kid;
};

class TokenVerifier {
 public:
  TokenVerifier(VerifierOptions options, KeyResolver& keys, const Clock& clock);

  // The token's identity and scopes, or kUnauthenticated with the public message "invalid token"
  // and the reason in Error::internal (for logs only). Thread-safe if the resolver is.
  Result<VerifiedToken> verify(std::string_view token) const;

 private:
  VerifierOptions options_;
  KeyResolver& keys_;
  const Clock& clock_;
};

}  // namespace sp::security
