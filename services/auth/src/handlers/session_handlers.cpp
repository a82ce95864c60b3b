#include <optional>
#include <vector>

#include "handlers/handlers.hpp"
#include "handlers/json_body.hpp"
#include "handlers/live_session.hpp"
#include "handlers/request_support.hpp"
#include "handlers/views.hpp"
#include "strangeprompt/core/json_writer.hpp"

namespace sp::auth::handlers {
namespace {

struct PresentedToken {
  std::string token;
  bool from_cookie = false;
};

// The refresh token of a refresh or log-out: "refreshToken" in the JSON body (non-browser
// clients), else the cookie, which must pass the Origin check.
Result<std::optional<PresentedToken>> presented_refresh_token(const AuthFlows& flows,
                                                              const http::Request& request) {
  SP_ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse_optional(request));
  std::optional<std::string> in_body = body.optional_string("refreshToken");
  SP_TRY(body.finish());
  if (in_body) return std::optional<PresentedToken>({std::move(*in_body), false});
  std::optional<std::string> cookie = request.cookie(kRefreshCookie);
  if (!cookie || cookie->empty()) return std::optional<PresentedToken>();
  SP_TRY(check_origin(request, flows.ctx.settings));
  return std::optional<PresentedToken>({std::move(*cookie), true});
}

}  // namespace

// POST /v1/auth/refresh [{refreshToken}]: the token from the body is answered in the body, the
// cookie's in a new cookie.
HandlerResult refresh(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(auto presented, presented_refresh_token(flows, request));
  if (!presented) return Error::unauthenticated("a refresh token is required");
  SP_ASSIGN_OR_RETURN(Rotation rotation,
                      flows.sessions.rotate(presented->token, client_info(request)));
  SP_ASSIGN_OR_RETURN(AccessToken access,
                      flows.access.mint(rotation.user, rotation.next.family_id));
  const SignedIn signed_in{std::move(rotation.user), std::move(access), rotation.next, {}};
  return signed_in_response(
      200, signed_in, request, flows.ctx.clock,
      {.in_cookie = presented->from_cookie, .in_body = !presented->from_cookie});
}

// POST /v1/auth/logout [{refreshToken}]: ends the session; idempotent.
HandlerResult log_out(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(auto presented, presented_refresh_token(flows, request));
  if (presented) SP_TRY(flows.sessions.end(presented->token, client_info(request)));
  http::Response response = http::Response::no_content();
  response.set_header("Set-Cookie", cleared_refresh_cookie(request.secure));
  return response;
}

// GET /v1/auth/sessions
HandlerResult list_sessions(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(const http::Principal* caller, live_session_principal(flows, request));
  SP_ASSIGN_OR_RETURN(auto families, flows.sessions.sessions_of(caller->user_id));
  std::vector<std::string> items;
  for (const RefreshFamily& family : families) {
    items.push_back(session_json(family, family.id == caller->session_id));
  }
  return http::Response::json(200, item_list(items));
}

// DELETE /v1/auth/sessions: ends every session but the current one (the access token's sid).
HandlerResult end_other_sessions(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(const http::Principal* caller, live_session_principal(flows, request));
  SP_TRY(
      flows.sessions.end_other_sessions(caller->user_id, caller->session_id, client_info(request)));
  return http::Response::no_content();
}

// DELETE /v1/auth/sessions/{id}
HandlerResult end_session(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(const http::Principal* caller, live_session_principal(flows, request));
  SP_ASSIGN_OR_RETURN(int64_t family_id, path_id(request, "id"));
  SP_TRY(flows.sessions.end_session(caller->user_id, family_id, client_info(request)));
  return http::Response::no_content();
}

}  // namespace sp::auth::handlers
