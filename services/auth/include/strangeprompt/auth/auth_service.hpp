#pragma once
// The auth service (/v1/auth): accounts, passwords, sessions (refresh-token families), API keys,
// the audit log and the access-token signing keys. Other services in the same process use its
// authenticator() and jwks_json(); remote ones fetch /v1/auth/.well-known/jwks.json.
#include <memory>
#include <string>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/server.hpp"
#include "strangeprompt/service/service.hpp"

namespace sp::auth {

class AuthService : public service::Service {
 public:
  // Verifies "Bearer <access JWT>" against the local signing keys and "Bearer sp_..." API keys
  // against the auth store, filling Principal{user_id, scopes, token_id, via_api_key,
  // session_id}; refuses access tokens of sessions that ended (this replica at once, others via
  // user.session_ended). May block (run it on a worker thread). Before start() every call is
  // kUnavailable.
  virtual http::Authenticator authenticator() = 0;
  // The RFC 7517 JWK Set of the keys that verify access tokens now ("{"keys":[]}" before start()).
  virtual std::string jwks_json() const = 0;
  // Makes a new signing key current and stores it; the previous key keeps verifying until the
  // tokens it signed have expired. For `strangeprompt keys rotate` and the rotation schedule.
  virtual Status rotate_signing_key() = 0;
};

// Config: `auth.*` (see services/auth/src/logic/settings.hpp) and the service database keys of
// service_database.hpp. env.event_log receives the outbox's events (user.signup,
// user.password_reset_requested, user.session_ended) and must outlive the service; pass the
// process's shared log in embedded mode. Null: the service opens the one configured by
// events.backend / events.path (default <data_dir>/events.db) / events.postgres_dsn /
// events.postgres_schema.
std::unique_ptr<AuthService> make_auth_service(const service::ServiceEnv& env);

// `strangeprompt keys rotate`: opens the auth database, migrates it, loads (or creates) the stored
// key set and rotates it once. Starts nothing else: no event log, no outbox relay, no rotation
// schedule. Bad settings (an unreadable auth.signing_key_kek_file included) fail before anything
// is written.
Status rotate_signing_key_once(const service::ServiceEnv& env);

}  // namespace sp::auth
