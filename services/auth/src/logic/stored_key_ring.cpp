#include "logic/stored_key_ring.hpp"

#include "strangeprompt/core/log.hpp"

namespace sp::auth {
namespace {

Result<security::SigningKeySet> unseal_set(const KeySealer& sealer,
                                           const SigningKeySetRecord& record) {
  SP_ASSIGN_OR_RETURN(std::string json, sealer.unseal(record.sealed_key_set));
  return security::SigningKeySet::from_json(json);
}

SigningKeySetRecord seal_set(const KeySealer& sealer, const security::SigningKeySet& keys,
                             int64_t version, int64_t now_ms) {
  return SigningKeySetRecord{.version = version,
                             .created_at_ms = now_ms,
                             .current_kid = keys.current().kid,
                             .sealed_key_set = sealer.seal(keys.to_json())};
}

}  // namespace

bool key_rotation_due(const security::KeyPair& current, const Clock& clock,
                      std::chrono::seconds period) {
  if (period.count() <= 0) return false;
  return clock.now_seconds() - current.created_at >= period.count();
}

StoredKeyRing::StoredKeyRing(AuthStore& store, const Clock& clock, const AuthSettings& settings,
                             security::SigningKeySet keys, int64_t version)
    : store_(store),
      clock_(clock),
      settings_(settings),
      sealer_(settings.signing_key_kek),
      ring_(std::move(keys)),
      local_(ring_, clock),
      resolver_(*this),
      version_(version) {}

Result<std::unique_ptr<StoredKeyRing>> StoredKeyRing::open(AuthStore& store, const Clock& clock,
                                                           const AuthSettings& settings) {
  KeySealer sealer(settings.signing_key_kek);
  if (!sealer.encrypts()) {
    log_warn("auth", "signing keys are stored unencrypted: set auth.signing_key_kek");
  }
  SP_ASSIGN_OR_RETURN(auto latest, store.latest_key_set());
  if (latest) {
    SP_ASSIGN_OR_RETURN(auto keys, unseal_set(sealer, *latest));
    return std::unique_ptr<StoredKeyRing>(
        new StoredKeyRing(store, clock, settings, std::move(keys), latest->version));
  }
  auto keys = security::SigningKeySet::create(clock.now_seconds());
  const SigningKeySetRecord first = seal_set(sealer, keys, 1, clock.now_ms());
  Status stored = store.transact([&](AuthTransaction& tx) { return tx.replace_key_set(first); });
  if (!stored.ok() && stored.error().code == ErrorCode::kConflict) {
    return open(store, clock, settings);  // another replica created the first set meanwhile
  }
  SP_TRY(stored);
  log_info("auth", "signing key created", {{"kid", keys.current().kid}});
  return std::unique_ptr<StoredKeyRing>(
      new StoredKeyRing(store, clock, settings, std::move(keys), 1));
}

Status StoredKeyRing::rotate() {
  std::lock_guard lock(mu_);
  SP_TRY(reload_locked());
  return rotate_locked();
}

Result<bool> StoredKeyRing::rotate_if_due() {
  std::lock_guard lock(mu_);
  SP_TRY(reload_locked());
  if (!key_rotation_due(ring_.snapshot()->current(), clock_, settings_.key_rotation_period)) {
    return false;
  }
  Status rotated = rotate_locked();
  if (!rotated.ok() && rotated.error().code == ErrorCode::kConflict) {
    SP_TRY(reload_locked());  // another replica rotated at the same moment: use its set
    log_info("auth", "scheduled signing key rotation done elsewhere",
             {{"version", version_.load()}});
    return false;
  }
  SP_TRY(rotated);
  return true;
}

Status StoredKeyRing::rotate_locked() {
  security::SigningKeySet next = *ring_.snapshot();
  next.rotate(clock_.now_seconds(), settings_.key_grace());
  const int64_t version = version_.load() + 1;
  const SigningKeySetRecord record = seal_set(sealer_, next, version, clock_.now_ms());
  SP_TRY(store_.transact([&](AuthTransaction& tx) { return tx.replace_key_set(record); }));
  ring_.replace(std::move(next));
  version_.store(version);
  log_info("auth", "signing key rotated", {{"kid", record.current_kid}, {"version", version}});
  return ok_status();
}

Status StoredKeyRing::reload() {
  std::lock_guard lock(mu_);
  return reload_locked();
}

Status StoredKeyRing::reload_locked() {
  SP_ASSIGN_OR_RETURN(auto latest, store_.latest_key_set());
  if (!latest || latest->version <= version_.load()) return ok_status();
  SP_ASSIGN_OR_RETURN(auto keys, unseal_set(sealer_, *latest));
  ring_.replace(std::move(keys));
  version_.store(latest->version);
  return ok_status();
}

std::string StoredKeyRing::jwks_json() const {
  return ring_.snapshot()->jwks_json(clock_.now_seconds());
}

std::optional<std::string> StoredKeyRing::ReloadingResolver::find(std::string_view kid) {
  if (auto key = owner_.local_.find(kid)) return key;
  const int64_t now = owner_.clock_.now_ms();
  int64_t last = last_reload_ms_.load();
  const int64_t cooldown_ms = owner_.settings_.key_reload_cooldown.count() * 1000;
  if (now - last < cooldown_ms || !last_reload_ms_.compare_exchange_strong(last, now)) {
    return std::nullopt;
  }
  if (Status reloaded = owner_.reload(); !reloaded.ok()) {
    log_warn("auth", "signing key reload failed",
             {{"error", reloaded.error().message}, {"detail", reloaded.error().internal}});
    return std::nullopt;
  }
  return owner_.local_.find(kid);
}

}  // namespace sp::auth
