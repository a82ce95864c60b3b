#include "handlers/routes.hpp"

#include "handlers/handlers.hpp"
#include "handlers/json_body.hpp"
#include "strangeprompt/http/caching.hpp"
#include "strangeprompt/http/handler.hpp"

namespace sp::auth {
namespace {

using http::AuthMode;
using http::Method;
using HandlerFn = handlers::HandlerResult (*)(const AuthFlows&, http::Request&);

http::RouteOptions options(AuthMode auth, bool blocking = true) {
  http::RouteOptions o;
  o.auth = auth;
  o.blocking = blocking;
  // Signed-in auth routes manage sessions, passwords and keys: API keys may not.
  o.api_keys = auth != AuthMode::kRequired;
  o.max_body_bytes = JsonBody::kMaxBytes;
  return o;
}

}  // namespace

namespace handlers {

// GET /v1/auth/.well-known/jwks.json: the public keys that verify access tokens right now.
HandlerResult jwks(const AuthFlows& flows, http::Request&) {
  http::Response response = http::Response::json(200, flows.keys.jwks_json());
  response.set_header("Cache-Control", http::public_cache(std::chrono::minutes(5)));
  return response;
}

}  // namespace handlers

void register_auth_routes(http::Router& router, FlowsProvider flows) {
  const auto none = options(AuthMode::kNone);
  const auto signed_in = options(AuthMode::kRequired);
  auto add = [&](Method method, const char* pattern, HandlerFn fn, const http::RouteOptions& o) {
    router.add(method, pattern, http::adapt("auth", flows, fn), o);
  };
  add(Method::kPost, "/v1/auth/signup", handlers::sign_up, none);
  add(Method::kPost, "/v1/auth/login", handlers::log_in, none);
  add(Method::kPost, "/v1/auth/refresh", handlers::refresh, none);
  add(Method::kPost, "/v1/auth/logout", handlers::log_out, none);
  add(Method::kPost, "/v1/auth/email/verify", handlers::verify_email, none);
  add(Method::kPost, "/v1/auth/password/forgot", handlers::forgot_password, none);
  add(Method::kPost, "/v1/auth/password/reset", handlers::reset_password, none);
  add(Method::kPost, "/v1/auth/password/change", handlers::change_password, signed_in);
  add(Method::kPost, "/v1/auth/account/delete", handlers::delete_account, signed_in);
  add(Method::kGet, "/v1/auth/sessions", handlers::list_sessions, signed_in);
  add(Method::kDelete, "/v1/auth/sessions", handlers::end_other_sessions, signed_in);
  add(Method::kDelete, "/v1/auth/sessions/{id}", handlers::end_session, signed_in);
  add(Method::kGet, "/v1/auth/api-keys", handlers::list_api_keys, signed_in);
  add(Method::kPost, "/v1/auth/api-keys", handlers::create_api_key, signed_in);
  add(Method::kDelete, "/v1/auth/api-keys/{id}", handlers::revoke_api_key, signed_in);
  // Service-to-service (G2): authenticated by the shared internal.token in the handler.
  add(Method::kPost, "/internal/v1/auth/introspect", handlers::introspect_api_key, none);
  // Reads the in-memory key ring only: safe on an I/O thread.
  add(Method::kGet, "/v1/auth/.well-known/jwks.json", handlers::jwks,
      options(AuthMode::kNone, /*blocking=*/false));
}

}  // namespace sp::auth
