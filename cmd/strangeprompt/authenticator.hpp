#pragma once
// Builds the process's request authenticator: in-process from the auth service when it runs here,
// otherwise one that verifies access tokens against the auth service's published JWKS
// (`auth.jwks_url`). API keys are only recognised where the auth service runs (see
// docs/architecture.md).
#include <memory>

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/http/server.hpp"

namespace sp::auth {
class AuthService;
}

namespace sp::cmd {

// `local` may be null. The returned function keeps what it needs alive.
http::Authenticator make_authenticator(const Config& config, auth::AuthService* local);

}  // namespace sp::cmd
