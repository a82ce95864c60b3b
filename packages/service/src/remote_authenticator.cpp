#include "strangeprompt/service/remote_authenticator.hpp"

#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/http/client.hpp"
#include "strangeprompt/security/token_verifier.hpp"
#include "strangeprompt/service/principal.hpp"
#include "strangeprompt/service/revoked_sessions.hpp"

namespace sp::service {
namespace {

security::JwksFetch http_fetch(std::string url) {
  std::shared_ptr<http::HttpClient> client = http::HttpClient::create();
  return [client, url = std::move(url)]() -> Result<std::string> {
    SP_ASSIGN_OR_RETURN(auto response, client->send({http::Method::kGet, url, {}, {}}));
    if (response.status != 200) {
      return Error::unavailable("JWKS endpoint answered " + std::to_string(response.status));
    }
    return std::move(response.body);
  };
}

}  // namespace

RemoteAuthenticatorOptions RemoteAuthenticatorOptions::read(SettingsReader& settings) {
  RemoteAuthenticatorOptions o;
  o.jwks_url = settings.required_text("auth.jwks_url", o.jwks_url);
  o.issuer = settings.required_text("auth.issuer", o.issuer);
  o.audience = settings.required_text("auth.audience", o.audience);
  o.leeway = settings.seconds("auth.token_leeway_seconds", o.leeway);
  o.access_ttl = settings.seconds("auth.access_ttl_seconds", o.access_ttl, std::chrono::seconds(1));
  o.introspection = IntrospectionOptions::read(settings);
  return o;
}

struct RemoteAuthenticator::Parts {
  Parts(const RemoteAuthenticatorOptions& o, const Clock& clock, security::JwksFetch fetch)
      : resolver(fetch ? std::move(fetch) : http_fetch(o.jwks_url), clock, o.jwks),
        verifier({.issuer = o.issuer, .audience = o.audience, .leeway = o.leeway}, resolver, clock),
        revoked(clock, o.access_ttl + o.leeway) {
    if (o.introspection.enabled()) {
      introspector = std::make_unique<ApiKeyIntrospector>(o.introspection, clock);
    }
  }

  security::JwksKeyResolver resolver;
  security::TokenVerifier verifier;
  RevokedSessions revoked;
  std::unique_ptr<SessionEndFeed> feed;
  std::unique_ptr<ApiKeyIntrospector> introspector;  // null: API keys refused
};

RemoteAuthenticator::RemoteAuthenticator(RemoteAuthenticatorOptions options, const Clock& clock,
                                         security::JwksFetch fetch)
    : parts_(std::make_unique<Parts>(options, clock, std::move(fetch))) {}

RemoteAuthenticator::~RemoteAuthenticator() {
  stop();
}

Result<http::Principal> RemoteAuthenticator::authenticate(std::string_view authorization) const {
  const std::optional<std::string_view> bearer = http::bearer_credential(authorization);
  if (!bearer) return Error::unauthenticated("a bearer token is required");
  if (bearer->starts_with("sp_")) {
    if (parts_->introspector) return parts_->introspector->authenticate(*bearer);
    return Error::unauthenticated(
        "API keys are accepted by the auth service and the all-in-one process only");
  }
  return authenticate_access_token(parts_->verifier, parts_->revoked, *bearer);
}

Status RemoteAuthenticator::follow_session_ends(events::EventLog& log, std::string group) {
  stop();
  parts_->feed = std::make_unique<SessionEndFeed>(log, parts_->revoked, std::move(group));
  return parts_->feed->start();
}

void RemoteAuthenticator::stop() {
  if (parts_ && parts_->feed) parts_->feed->stop();
}

RevokedSessions& RemoteAuthenticator::revoked_sessions() {
  return parts_->revoked;
}

}  // namespace sp::service
