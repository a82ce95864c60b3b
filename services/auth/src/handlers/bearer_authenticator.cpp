#include "handlers/bearer_authenticator.hpp"

#include "strangeprompt/core/id.hpp"
#include "strangeprompt/service/principal.hpp"

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
  return service::authenticate_access_token(verifier_, revoked_, credential);
}

}  // namespace sp::auth
