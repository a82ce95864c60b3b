#pragma once
// Verification keys from the auth service's JWKS document (distributed mode). Keys are cached;
// an unknown kid (a fresh rotation) triggers a refetch, at most once per cooldown, so a flood of
// tokens with made-up kids cannot turn into a flood of fetches.
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/security/key_resolver.hpp"

namespace sp::security {

// Returns the JWKS JSON text (e.g. GET /v1/auth/.well-known/jwks.json). May block: find() calls
// it on the verifying thread when a refetch is due.
using JwksFetch = std::function<Result<std::string>()>;

struct JwksResolverOptions {
  std::chrono::seconds refetch_cooldown{30};  // minimum spacing between fetches
  std::chrono::seconds max_age{10 * 60};      // refetch a cache this old (removed keys expire)
};

// kid -> 32-byte public key for the entries that are Ed25519 signing keys (kty OKP, crv Ed25519,
// use sig or absent, alg EdDSA or absent); other entries are skipped. kInvalidArgument if the
// document is not {"keys":[...]}.
Result<std::map<std::string, std::string, std::less<>>> parse_jwks(std::string_view json);

class JwksKeyResolver final : public KeyResolver {
 public:
  JwksKeyResolver(JwksFetch fetch, const Clock& clock, JwksResolverOptions options = {});

  // From the cache; refetches first when the kid is unknown or the cache is older than max_age,
  // unless the last attempt was within the cooldown. A failed fetch keeps the old cache.
  std::optional<std::string> find(std::string_view kid) override;
  // Fetches now, cooldown or not (start-up priming); the error of the fetch or the parse.
  Status refresh();
  std::size_t cached_key_count() const;

 private:
  bool fetch_due(int64_t now_ms, bool kid_known) const;  // caller holds mu_
  Status fetch_and_store();

  JwksFetch fetch_;
  const Clock& clock_;
  JwksResolverOptions options_;
  mutable std::mutex mu_;
  std::map<std::string, std::string, std::less<>> keys_;  // guarded by mu_
  std::optional<int64_t> last_attempt_ms_;                // guarded by mu_
  std::optional<int64_t> fetched_at_ms_;                  // guarded by mu_; last success
};

}  // namespace sp::security
