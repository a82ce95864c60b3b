#include "handlers/bearer_authenticator.hpp"

#include "strangeprompt/core/id.hpp"
#include "strangeprompt/core/strings.hpp"

namespace sp::auth {

Result<http::Principal> BearerAuthenticator::authenticate(std::string_view authorization) const {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size() ||
      !iequals_ascii(authorization.substr(0, kScheme.size()), kScheme)) {
    return Error::unauthenticated("a bearer token is required");
  }
  const std::string_view credential = trim(authorization.substr(kScheme.size()));
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
