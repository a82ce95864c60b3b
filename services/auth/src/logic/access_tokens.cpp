#include "logic/access_tokens.hpp"

namespace sp::auth {

Result<AccessToken> AccessTokens::mint(const User& user, int64_t session_id) const {
  SP_ASSIGN_OR_RETURN(security::IssuedToken issued,
                      issuer_.issue({.sub = std::to_string(user.id),
                                     .scope = join_scopes(user.scopes),
                                     .aud = settings_.audience,
                                     .ttl = settings_.access_ttl,
                                     .sid = std::to_string(session_id)}));
  return AccessToken{.token = std::move(issued.token),
                     .jti = std::move(issued.jti),
                     .expires_in_seconds = issued.expires_at - issued.issued_at};
}

}  // namespace sp::auth
