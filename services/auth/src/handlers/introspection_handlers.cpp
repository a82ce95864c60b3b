// POST /internal/v1/auth/introspect (contract G2): services running without the auth target ask
// here whether an API key is valid. Callers authenticate with the shared `internal.token`
// (compared in constant time); the key itself is never logged.
#include "handlers/handlers.hpp"
#include "handlers/json_body.hpp"
#include "strangeprompt/core/id.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/security/encoding.hpp"

namespace sp::auth::handlers {
namespace {

// OK when `request` carries "Authorization: Bearer <internal.token>"; an unset token refuses all.
Status check_internal_caller(const AuthSettings& settings, const http::Request& request) {
  const Error refused = Error::unauthenticated("a valid internal token is required");
  if (!settings.internal_token || settings.internal_token->empty()) return refused;
  const std::optional<std::string_view> bearer =
      http::bearer_credential(request.header("authorization"));
  if (!bearer || !security::constant_time_equals(*bearer, *settings.internal_token)) {
    return refused;
  }
  return ok_status();
}

}  // namespace

// {"key":"sp_..."} -> {"active":true,"userId","keyId","scopes","expiresAt"} or {"active":false}.
HandlerResult introspect_api_key(const AuthFlows& flows, http::Request& request) {
  SP_TRY(check_internal_caller(flows.ctx.settings, request));
  SP_ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string key = body.required_string("key");
  SP_TRY(body.finish());
  Result<ApiKeyIdentity> identity = flows.api_keys.authenticate(key);
  JsonObject out;
  if (identity.ok()) {
    out.boolean("active", true)
        .id("userId", identity->user_id)
        .id("keyId", identity->key_id)
        .strings("scopes", identity->scopes)
        .time("expiresAt", identity->expires_at_ms);
  } else if (identity.error().code == ErrorCode::kUnauthenticated) {
    out.boolean("active", false);
  } else {
    return identity.error();
  }
  http::Response response = http::Response::json(200, std::move(out).take());
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace sp::auth::handlers
