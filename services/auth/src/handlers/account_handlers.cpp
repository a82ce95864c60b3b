#include "handlers/handlers.hpp"
#include "handlers/json_body.hpp"
#include "handlers/request_support.hpp"
#include "handlers/views.hpp"

namespace sp::auth::handlers {

// POST /v1/auth/signup {email, handle, password[, returnRefreshToken]}
HandlerResult sign_up(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  SignupRequest signup{.email = body.required_string("email"),
                       .handle = body.required_string("handle"),
                       .password = body.required_string("password")};
  const bool refresh_in_body = body.optional_bool("returnRefreshToken", false);
  SP_TRY(body.finish());
  SP_ASSIGN_OR_RETURN(SignedIn signed_in, flows.accounts.sign_up(signup, client_info(request)));
  return signed_in_response(201, signed_in, request, flows.ctx.clock,
                            {.in_cookie = true, .in_body = refresh_in_body});
}

// POST /v1/auth/login {login, password[, returnRefreshToken]}
HandlerResult log_in(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  LoginRequest login{.login = body.required_string("login"),
                     .password = body.required_string("password"),
                     .device_token = request.cookie(kDeviceCookie)};
  const bool refresh_in_body = body.optional_bool("returnRefreshToken", false);
  SP_TRY(body.finish());
  SP_ASSIGN_OR_RETURN(SignedIn signed_in, flows.login.log_in(login, client_info(request)));
  return signed_in_response(200, signed_in, request, flows.ctx.clock,
                            {.in_cookie = true, .in_body = refresh_in_body});
}

// POST /v1/auth/email/verify {token}
HandlerResult verify_email(const AuthFlows& flows, http::Request& request) {
  SP_ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string token = body.required_string("token");
  SP_TRY(body.finish());
  SP_TRY(flows.accounts.verify_email(token, client_info(request)));
  return http::Response::no_content();
}

}  // namespace sp::auth::handlers
