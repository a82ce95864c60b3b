#pragma once
// The auth API's handlers: parse the request, call one flow, serialise the answer. Expected
// failures come back as errors; routes.cpp turns them into problem+json in one place.
#include "handlers/auth_flows.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::auth::handlers {

using HandlerResult = Result<http::Response>;

// account_handlers.cpp
HandlerResult sign_up(const AuthFlows& flows, http::Request& request);
HandlerResult log_in(const AuthFlows& flows, http::Request& request);
HandlerResult verify_email(const AuthFlows& flows, http::Request& request);

// session_handlers.cpp
HandlerResult refresh(const AuthFlows& flows, http::Request& request);
HandlerResult log_out(const AuthFlows& flows, http::Request& request);
HandlerResult list_sessions(const AuthFlows& flows, http::Request& request);
HandlerResult end_other_sessions(const AuthFlows& flows, http::Request& request);
HandlerResult end_session(const AuthFlows& flows, http::Request& request);

// password_handlers.cpp
HandlerResult change_password(const AuthFlows& flows, http::Request& request);
HandlerResult forgot_password(const AuthFlows& flows, http::Request& request);
HandlerResult reset_password(const AuthFlows& flows, http::Request& request);

// api_key_handlers.cpp
HandlerResult list_api_keys(const AuthFlows& flows, http::Request& request);
HandlerResult create_api_key(const AuthFlows& flows, http::Request& request);
HandlerResult revoke_api_key(const AuthFlows& flows, http::Request& request);

// introspection_handlers.cpp
HandlerResult introspect_api_key(const AuthFlows& flows, http::Request& request);

// account_deletion_handlers.cpp
HandlerResult delete_account(const AuthFlows& flows, http::Request& request);

// routes.cpp
HandlerResult jwks(const AuthFlows& flows, http::Request& request);

}  // namespace sp::auth::handlers
