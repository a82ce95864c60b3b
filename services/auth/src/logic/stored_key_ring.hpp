#pragma once
// The access-token signing keys, persisted in the auth store. Every replica loads the newest
// stored key set; a rotation stores version + 1 (a concurrent rotation elsewhere makes it
// kConflict) and only then swaps the new set in. Thread-safe.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "logic/key_sealer.hpp"
#include "logic/settings.hpp"
#include "store/auth_store.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/security/key_resolver.hpp"
#include "strangeprompt/security/key_ring.hpp"

namespace sp::auth {

// Scheduled rotation: true when `current` has signed for at least `period` at clock's now
// (KeyPair::created_at is Unix seconds). A zero or negative period disables it: always false.
bool key_rotation_due(const security::KeyPair& current, const Clock& clock,
                      std::chrono::seconds period);

class StoredKeyRing {
 public:
  // Loads the newest stored set, creating and storing a first one in an empty store.
  static Result<std::unique_ptr<StoredKeyRing>> open(AuthStore& store, const Clock& clock,
                                                     const AuthSettings& settings);

  // Makes a new current key, stores it, then signs with it. Tokens signed by the old key stay
  // valid until they expire (the old key stays published for settings.key_grace()).
  Status rotate();
  // The scheduled check: reloads the stored set, then rotates only if its current key is due
  // (key_rotation_due with settings.key_rotation_period). Returns whether this call rotated. A
  // replica that loses a concurrent rotation (kConflict on the version) reloads the winner's set
  // and returns false, so replicas checking at the same moment add one key between them.
  Result<bool> rotate_if_due();
  // Picks up a set another replica stored; a no-op when the version is unchanged.
  Status reload();
  // RFC 7517 JWK Set of the keys that verify now.
  std::string jwks_json() const;

  const security::KeyRing& ring() const { return ring_; }
  // Resolves kids from the ring; an unknown kid reloads the stored set at most once per
  // settings.key_reload_cooldown (a replica that rotated elsewhere).
  security::KeyResolver& resolver() { return resolver_; }
  int64_t version() const { return version_.load(); }

 private:
  class ReloadingResolver final : public security::KeyResolver {
   public:
    explicit ReloadingResolver(StoredKeyRing& owner) : owner_(owner) {}
    std::optional<std::string> find(std::string_view kid) override;

   private:
    StoredKeyRing& owner_;
    std::atomic<int64_t> last_reload_ms_{0};
  };

  StoredKeyRing(AuthStore& store, const Clock& clock, const AuthSettings& settings,
                security::SigningKeySet keys, int64_t version);

  AuthStore& store_;
  const Clock& clock_;
  const AuthSettings& settings_;
  KeySealer sealer_;
  security::KeyRing ring_;
  security::LocalKeyResolver local_;
  ReloadingResolver resolver_;
  Status reload_locked();
  Status rotate_locked();

  std::mutex mu_;                 // serialises rotate() and reload() in this process
  std::atomic<int64_t> version_;  // written under mu_
};

}  // namespace sp::auth
