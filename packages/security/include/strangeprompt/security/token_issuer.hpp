#pragma once
// Issues short-lived access tokens: compact JWS (RFC 7515) signed with EdDSA (Ed25519), header
// {"alg":"EdDSA","typ":"at+jwt","kid"} (RFC 9068), claims iss aud sub scope jti iat exp, and
// sid (the session the token belongs to) when given.
#include <chrono>
#include <cstdint>
#include <string>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/security/key_ring.hpp"

namespace sp::security {

struct AccessClaims {
  std::string sub;                    // the account id
  std::string scope;                  // space-separated scopes, may be empty
  std::string aud;                    // the audience (the API the token is for)
  std::chrono::seconds ttl{15 * 60};  // lifetime; must be positive
  std::string sid{};                  // the session (refresh family id, decimal); "" = omitted
};

struct IssuedToken {
  std::string token;  // the compact JWS
  std::string jti;    // its unique id (for revocation lists and audit)
  int64_t issued_at = 0;
  int64_t expires_at = 0;
};

// Thread-safe: the key is read from the ring at each call, so rotation applies immediately.
class TokenIssuer {
 public:
  TokenIssuer(std::string issuer, const KeyRing& keys, const Clock& clock);

  // kInvalidArgument for an empty sub or aud, a malformed scope, a non-positive ttl, or a token
  // that would exceed the verifier's size limit.
  Result<IssuedToken> issue(const AccessClaims& claims) const;

 private:
  std::string issuer_;
  const KeyRing& keys_;
  const Clock& clock_;
};

}  // namespace sp::security
