#pragma once
// Where the verifier gets public keys from: the local key ring (embedded mode, inside the auth
// process) or a remote JWKS document (JwksKeyResolver). Token headers never supply keys.
#include <optional>
#include <string>
#include <string_view>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/security/key_ring.hpp"

namespace sp::security {

class KeyResolver {
 public:
  virtual ~KeyResolver() = default;
  // The 32-byte Ed25519 public key named `kid`, or nullopt if unknown or retired. Thread-safe.
  virtual std::optional<std::string> find(std::string_view kid) = 0;
};

// Keys straight from a KeyRing: retired keys resolve until their not_after.
class LocalKeyResolver final : public KeyResolver {
 public:
  LocalKeyResolver(const KeyRing& keys, const Clock& clock) : keys_(keys), clock_(clock) {}
  std::optional<std::string> find(std::string_view kid) override;

 private:
  const KeyRing& keys_;
  const Clock& clock_;
};

}  // namespace sp::security
