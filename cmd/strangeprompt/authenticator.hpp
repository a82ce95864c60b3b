#pragma once
// Builds the process's request authenticator: the auth service's own when it runs here,
// otherwise service::RemoteAuthenticator (JWKS from `auth.jwks_url`, sessions ended elsewhere
// learnt from the user.session_ended event). See docs/architecture.md.
#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/server.hpp"

namespace sp::auth {
class AuthService;
}
namespace sp::events {
class EventLog;
}

namespace sp::cmd {

// `local` may be null; `event_log` (the process's, outliving the returned function) feeds the
// remote authenticator's revoked-session set. The returned function keeps what it needs alive.
Result<http::Authenticator> make_authenticator(const Config& config, auth::AuthService* local,
                                               events::EventLog& event_log);

}  // namespace sp::cmd
