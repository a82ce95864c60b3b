#include "authenticator.hpp"

#include "strangeprompt/auth/auth_service.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/id.hpp"
#include "strangeprompt/http/client.hpp"
#include "strangeprompt/security/jwks_key_resolver.hpp"
#include "strangeprompt/security/token_verifier.hpp"

namespace sp::cmd {
namespace {

// Verifies access JWTs with keys from the auth service's JWKS endpoint.
class RemoteTokenAuthenticator {
 public:
  RemoteTokenAuthenticator(const Config& config)
      : client_(http::HttpClient::create()),
        jwks_url_(
            config.get("auth.jwks_url", "http://127.0.0.1:8080/v1/auth/.well-known/jwks.json")),
        resolver_([this] { return fetch(); }, Clock::system()),
        verifier_({.issuer = config.get("auth.issuer", "http://localhost:8080"),
                   .audience = config.get("auth.audience", "strangeprompt")},
                  resolver_, Clock::system()) {}

  Result<http::Principal> operator()(std::string_view authorization) {
    std::optional<std::string_view> bearer = http::bearer_credential(authorization);
    if (!bearer) return Error::unauthenticated("expected a Bearer token");
    std::string_view token = *bearer;
    if (token.rfind("sp_", 0) == 0) {
      return Error(ErrorCode::kUnauthenticated,
                   "API keys are accepted by the auth service and the all-in-one process only");
    }
    SP_ASSIGN_OR_RETURN(auto verified, verifier_.verify(token));
    auto user_id = parse_id(verified.sub);
    if (!user_id) return Error::unauthenticated("invalid token");
    return http::Principal{*user_id, std::move(verified.scopes), std::move(verified.jti), false};
  }

 private:
  Result<std::string> fetch() {
    SP_ASSIGN_OR_RETURN(auto response, client_->send({http::Method::kGet, jwks_url_, {}, {}}));
    if (response.status != 200) {
      return Error::unavailable("JWKS endpoint answered " + std::to_string(response.status));
    }
    return std::move(response.body);
  }

  std::unique_ptr<http::HttpClient> client_;
  std::string jwks_url_;
  security::JwksKeyResolver resolver_;
  security::TokenVerifier verifier_;
};

}  // namespace

http::Authenticator make_authenticator(const Config& config, auth::AuthService* local) {
  if (local) return local->authenticator();
  auto remote = std::make_shared<RemoteTokenAuthenticator>(config);
  return [remote](std::string_view authorization) { return (*remote)(authorization); };
}

}  // namespace sp::cmd
