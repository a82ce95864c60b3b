#include <vector>

#include "handlers/handlers.hpp"
#include "handlers/json_body.hpp"
#include "handlers/live_session.hpp"
#include "handlers/request_support.hpp"
#include "handlers/views.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/core/rfc3339.hpp"

namespace sp::auth::handlers {

// GET /v1/auth/api-keys
HandlerResult list_api_keys(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(const http::Principal* caller, live_session_principal(flows, request));
  SP_ASSIGN_OR_RETURN(auto keys, flows.api_keys.list(caller->user_id));
  std::vector<std::string> items;
  for (const ApiKey& key : keys) items.push_back(api_key_json(key));
  return http::Response::json(200, item_list(items));
}

// POST /v1/auth/api-keys {name, scopes[, expiresAt]}: the key itself is in this answer only.
HandlerResult create_api_key(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(const http::Principal* caller, live_session_principal(flows, request));
  SP_ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  NewApiKeyRequest create{.name = body.required_string("name"),
                          .scopes = body.optional_string_list("scopes"),
                          .expires_at_ms = std::nullopt};
  const std::optional<std::string> expires_at = body.optional_string("expiresAt");
  SP_TRY(body.finish());
  if (expires_at) {
    create.expires_at_ms = parse_rfc3339_ms(*expires_at);
    if (!create.expires_at_ms) {
      Error e = Error::invalid("invalid request body");
      e.fields.push_back({"expiresAt", "must be an RFC 3339 date-time"});
      return e;
    }
  }
  SP_ASSIGN_OR_RETURN(CreatedApiKey created,
                      flows.api_keys.create(caller->user_id, create, client_info(request)));
  http::Response response = http::Response::json(201, api_key_json(created.key, created.secret));
  response.set_header("Cache-Control", "no-store");
  return response;
}

// DELETE /v1/auth/api-keys/{id}
HandlerResult revoke_api_key(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(const http::Principal* caller, live_session_principal(flows, request));
  SP_ASSIGN_OR_RETURN(int64_t key_id, path_id(request, "id"));
  SP_TRY(flows.api_keys.revoke(caller->user_id, key_id, client_info(request)));
  return http::Response::no_content();
}

}  // namespace sp::auth::handlers
