#pragma once
// The authenticator of a process that does not run the auth service: access JWTs are verified
// against the auth service's published JWKS (refetched when an unknown `kid` appears, at most
// once per cooldown), and tokens of sessions that ended are refused once the user.session_ended
// event arrived. API keys are checked by auth over its introspection endpoint when
// `auth.introspection_url` is set (api_key_introspector.hpp, cached briefly), else refused with a
// clear 401.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"
#include "strangeprompt/security/jwks_key_resolver.hpp"
#include "strangeprompt/service/api_key_introspector.hpp"

namespace sp {
class SettingsReader;
}
namespace sp::events {
class EventLog;
}

namespace sp::service {

class RevokedSessions;

struct RemoteAuthenticatorOptions {
  std::string jwks_url = "http://127.0.0.1:8080/v1/auth/.well-known/jwks.json";  // auth.jwks_url
  std::string issuer = "http://localhost:8080";                                  // auth.issuer
  std::string audience = "strangeprompt";                                        // auth.audience
  std::chrono::seconds leeway{60};       // auth.token_leeway_seconds
  std::chrono::seconds access_ttl{600};  // auth.access_ttl_seconds (bounds the revoked set)
  security::JwksResolverOptions jwks{};
  IntrospectionOptions introspection{};  // API keys (contract G2)

  // Reads the keys above; bad values are recorded in `settings` (it fails start-up).
  static RemoteAuthenticatorOptions read(SettingsReader& settings);
};

class RemoteAuthenticator {
 public:
  // `fetch` returns the JWKS document; empty: GET options.jwks_url over HTTP.
  RemoteAuthenticator(RemoteAuthenticatorOptions options, const Clock& clock,
                      security::JwksFetch fetch = {});
  ~RemoteAuthenticator();
  RemoteAuthenticator(const RemoteAuthenticator&) = delete;
  RemoteAuthenticator& operator=(const RemoteAuthenticator&) = delete;

  // "Bearer <access JWT>" -> Principal. kUnauthenticated for a missing or bad credential, an API
  // key without introspection ("API keys are accepted ... only") or that auth calls inactive, or
  // a token whose session ended; kUnavailable when auth cannot check an API key. May block (a
  // JWKS fetch, an introspection call): call it from a worker thread. Thread-safe.
  Result<http::Principal> authenticate(std::string_view authorization) const;

  // Starts following user.session_ended on `log` with the process-unique consumer `group`.
  // `log` must outlive stop().
  Status follow_session_ends(events::EventLog& log, std::string group);
  void stop();

  RevokedSessions& revoked_sessions();

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace sp::service
