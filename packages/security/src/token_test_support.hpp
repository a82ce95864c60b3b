#pragma once
// Test fixtures for the token tests: a key ring, issuer and verifier on a manual clock, and a
// builder for hand-made (forged) headers and payloads.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/security/key_resolver.hpp"
#include "strangeprompt/security/key_ring.hpp"
#include "strangeprompt/security/token_issuer.hpp"
#include "strangeprompt/security/token_verifier.hpp"

namespace sp::security::testing {

inline constexpr std::string_view kIssuer = "https://auth.strangeprompt.test";
inline constexpr std::string_view kAudience = "strangeprompt-api";

// A JSON object as ordered members whose values are raw JSON text.
using Members = std::vector<std::pair<std::string, std::string>>;
std::string to_json(const Members& members);
// `members` with `name` set to `raw_json` (replaced in place or appended).
Members with(Members members, std::string_view name, std::string raw_json);
Members without(Members members, std::string_view name);
std::string json_str(std::string_view s);

Members standard_header(std::string_view kid);
Members standard_claims(int64_t now);

// A compact JWS over exactly these header and payload bytes, signed with `secret_key`.
std::string sign(const Members& header, const Members& payload, std::string_view secret_key);

AccessClaims standard_access_claims();

struct TokenWorld {
  TokenWorld();

  std::string issue(const AccessClaims& claims = standard_access_claims()) const;
  KeyPair current_key() const { return ring.snapshot()->current(); }
  int64_t now() const { return clock.now_seconds(); }
  // A token with the standard header and claims, hand-built and signed by the current key.
  std::string sign_standard(const Members& header, const Members& payload) const;

  ManualClock clock;
  KeyRing ring;
  TokenIssuer issuer;
  LocalKeyResolver resolver;
  TokenVerifier verifier;
};

}  // namespace sp::security::testing
