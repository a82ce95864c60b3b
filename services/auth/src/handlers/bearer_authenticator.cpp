#include "handlers/bearer_authenticator.hpp"

#include "strangeprompt/core/id.hpp"

namespace sp::auth {

Result<http::Principal> BearerAuthenticator::authenticate(std::string_view authorization) const {
  const std::optional<std::string_view> bearer = http::bearer_credential(authorization);
  if (!bearer) return Error::unauthenticated("a bearer token is required");
  const std::string_view credential = *bearer;
  if (credential.starts_with("sp_")) {
    SP_ASSIGN_OR_RETURN(ApiKeyIdentity key, api_keys_.authenticate(credential));
    return http::Principal{.user_id = key.user_id,
                           .scopes = std::move(key.scopes),
                           .token_id = id_to_string(key.key_id),
                           .via_api_key = true};
  }
  SP_ASSIGN_OR_RETURN(security::VerifiedToken token, verifier_.verify(credential));
  const std::optional<int64_t> user_id = parse_id(token.sub);
  if (!user_id) return Error::unauthenticated("invalid token");
  return http::Principal{.user_id = *user_id,
                         .scopes = std::move(token.scopes),
                         .token_id = std::move(token.jti),
                         .via_api_key = false};
}

}  // namespace sp::auth
