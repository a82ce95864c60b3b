#include "handlers/handlers.hpp"
#include "handlers/json_body.hpp"
#include "handlers/live_session.hpp"
#include "handlers/request_support.hpp"

namespace sp::auth::handlers {

// POST /v1/auth/password/change {currentPassword, newPassword}: ends every other session and
// revokes every API key.
HandlerResult change_password(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(const http::Principal* caller, live_session_principal(flows, request));
  SP_ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string current = body.required_string("currentPassword");
  const std::string next = body.required_string("newPassword");
  SP_TRY(body.finish());
  SP_TRY(flows.accounts.change_password(caller->user_id, current, next, caller->session_id,
                                        client_info(request)));
  return http::Response::no_content();
}

// POST /v1/auth/password/forgot {email}: 202 whether or not the email has an account.
HandlerResult forgot_password(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string email = body.required_string("email");
  SP_TRY(body.finish());
  SP_TRY(flows.password_reset.request(email, client_info(request)));
  return http::Response::json(202, "{\"status\":\"accepted\"}");
}

// POST /v1/auth/password/reset {token, password}: ends every session.
HandlerResult reset_password(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string token = body.required_string("token");
  const std::string password = body.required_string("password");
  SP_TRY(body.finish());
  SP_TRY(flows.password_reset.complete(token, password, client_info(request)));
  http::Response response = http::Response::no_content();
  response.set_header("Set-Cookie", cleared_refresh_cookie(request.secure));
  return response;
}

}  // namespace sp::auth::handlers
