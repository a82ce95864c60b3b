#include "handlers/handlers.hpp"
#include "handlers/json_body.hpp"
#include "handlers/live_session.hpp"
#include "handlers/request_support.hpp"
#include "logic/account_deletion.hpp"

namespace sp::auth::handlers {

// POST /v1/auth/account/delete {currentPassword}: a signed-in session (not an API key) whose
// session is still live. Ends every session, revokes every key, publishes user.deleted.
HandlerResult delete_account(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(const http::Principal* caller, live_session_principal(flows, request));
  SP_ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string current = body.required_string("currentPassword");
  SP_TRY(body.finish());
  SP_TRY(auth::delete_account(flows.ctx, caller->user_id, current, client_info(request)));
  http::Response response = http::Response::no_content();
  response.set_header("Set-Cookie", cleared_refresh_cookie(request.secure));
  return response;
}

}  // namespace sp::auth::handlers
