#pragma once
// Turns an Authorization header into a Principal: "Bearer sp_..." is an API key looked up in the
// auth store, any other bearer token an access JWT verified against the local key ring and
// converted by service::authenticate_access_token (the one token -> principal path), which
// refuses tokens of sessions that ended.
#include <string_view>

#include "logic/api_keys.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"
#include "strangeprompt/security/token_verifier.hpp"
#include "strangeprompt/service/revoked_sessions.hpp"

namespace sp::auth {

class BearerAuthenticator {
 public:
  BearerAuthenticator(const security::TokenVerifier& verifier, ApiKeys& api_keys,
                      const service::RevokedSessions& revoked)
      : verifier_(verifier), api_keys_(api_keys), revoked_(revoked) {}

  // kUnauthenticated for a missing, malformed, expired or revoked credential, or an access token
  // whose session ended. May block (API keys read the store): call it from a worker thread.
  Result<http::Principal> authenticate(std::string_view authorization) const;

 private:
  const security::TokenVerifier& verifier_;
  ApiKeys& api_keys_;
  const service::RevokedSessions& revoked_;
};

}  // namespace sp::auth
