#pragma once
// The auth service's parts wired together over one migrated database: store, password machinery,
// signing keys, flows, the bearer authenticator. The service builds one in start(); tests build
// one over a scratch database and a ManualClock.
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "handlers/auth_flows.hpp"
#include "handlers/bearer_authenticator.hpp"
#include "logic/settings.hpp"
#include "store/sql_auth_store.hpp"
#include "strangeprompt/service/revoked_sessions.hpp"

namespace sp::db {
class Database;
}

namespace sp::auth {

class AuthRuntime {
 public:
  // Loads (or creates) the signing keys from `db`, which must be migrated (migrate_auth_store).
  // `db` and `clock` outlive the runtime; `node` distinguishes replicas in generated ids; `metrics`
  // (optional) counts audit events.
  static Result<std::unique_ptr<AuthRuntime>> open(db::Database& db, const Clock& clock,
                                                   AuthSettings settings, uint32_t node = 0,
                                                   metrics::Metrics* metrics = nullptr);

  const AuthFlows& flows() const { return *flows_; }
  const BearerAuthenticator& authenticator() const { return *authenticator_; }
  StoredKeyRing& keys() { return *keys_; }
  AuthStore& store() { return store_; }
  const AuthSettings& settings() const { return settings_; }
  // Sessions ended within the access-token lifetime; fed by the flows (this replica) and by the
  // user.session_ended event (other replicas).
  service::RevokedSessions& revoked_sessions() { return revoked_; }

 private:
  AuthRuntime(db::Database& db, const Clock& clock, AuthSettings settings, uint32_t node,
              metrics::Metrics* metrics);

  AuthSettings settings_;
  service::RevokedSessions revoked_;
  SqlAuthStore store_;
  IdGenerator ids_;
  security::PasswordHasher hasher_;
  security::PasswordPolicy password_policy_;
  AuthContext ctx_;
  RefreshFamilies families_;
  ApiKeys api_keys_;
  // Built in open(), where failures can be reported:
  std::optional<AddressThrottle> address_throttle_;
  std::optional<PasswordReset> password_reset_;
  std::unique_ptr<StoredKeyRing> keys_;
  std::optional<AccessTokens> access_;
  std::optional<security::TokenVerifier> verifier_;
  std::optional<Accounts> accounts_;
  std::optional<PasswordLogin> login_;
  std::optional<AuthFlows> flows_;
  std::optional<BearerAuthenticator> authenticator_;
};

}  // namespace sp::auth
