#include "strangeprompt/service/principal.hpp"

#include "strangeprompt/core/id.hpp"
#include "strangeprompt/security/token_verifier.hpp"
#include "strangeprompt/service/revoked_sessions.hpp"

namespace sp::service {

Result<http::Principal> principal_from(const security::VerifiedToken& token) {
  const std::optional<int64_t> user_id = parse_id(token.sub);
  if (!user_id) return Error(ErrorCode::kUnauthenticated, "invalid token", "sub is not an id");
  int64_t session_id = 0;
  if (!token.sid.empty()) {
    const std::optional<int64_t> sid = parse_id(token.sid);
    if (!sid) return Error(ErrorCode::kUnauthenticated, "invalid token", "sid is not an id");
    session_id = *sid;
  }
  return http::Principal{.user_id = *user_id,
                         .scopes = token.scopes,
                         .token_id = token.jti,
                         .via_api_key = false,
                         .session_id = session_id};
}

Result<http::Principal> authenticate_access_token(const security::TokenVerifier& verifier,
                                                  const RevokedSessions& revoked,
                                                  std::string_view token) {
  SP_ASSIGN_OR_RETURN(security::VerifiedToken verified, verifier.verify(token));
  SP_ASSIGN_OR_RETURN(http::Principal principal, principal_from(verified));
  if (principal.session_id != 0 && revoked.contains(principal.session_id)) {
    return Error(ErrorCode::kUnauthenticated, "session ended", "sid in the revoked set");
  }
  return principal;
}

}  // namespace sp::service
