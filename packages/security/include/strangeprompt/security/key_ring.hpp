#pragma once
// The live SigningKeySet shared by the token issuer and the local verifier. Readers take an
// immutable snapshot; rotation swaps in a new set (copy-on-write). Thread-safe.
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>

#include "strangeprompt/security/signing_keys.hpp"

namespace sp::security {

class KeyRing {
 public:
  explicit KeyRing(SigningKeySet keys);

  std::shared_ptr<const SigningKeySet> snapshot() const;
  // Swaps in `keys` (e.g. reloaded from storage).
  void replace(SigningKeySet keys);
  // Rotates a copy of the live set, swaps it in and returns it for the caller to persist.
  SigningKeySet rotate(int64_t now, std::chrono::seconds grace = std::chrono::hours(1));

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const SigningKeySet> keys_;  // guarded by mu_
};

}  // namespace sp::security
