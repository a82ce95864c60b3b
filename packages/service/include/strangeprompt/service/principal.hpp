#pragma once
// The one conversion of an access token into the http::Principal that handlers see, shared by
// the auth service's own authenticator and the JWKS-based one of services running without auth.
#include <string_view>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::security {
struct VerifiedToken;
class TokenVerifier;
}  // namespace sp::security

namespace sp::service {

class RevokedSessions;

// {user_id = sub, scopes, token_id = jti, session_id = sid (0 when absent)}; kUnauthenticated
// ("invalid token") when sub, or sid when present, is not an id.
Result<http::Principal> principal_from(const security::VerifiedToken& token);

// Verifies the access JWT `token` and converts it; kUnauthenticated ("session ended") when its
// session is in `revoked` (logged out, ended, or ended by a password change since it was issued).
Result<http::Principal> authenticate_access_token(const security::TokenVerifier& verifier,
                                                  const RevokedSessions& revoked,
                                                  std::string_view token);

}  // namespace sp::service
