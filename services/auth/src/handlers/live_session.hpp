#pragma once
// The caller of an operation on the account itself (sessions, password, API keys): signed in
// with an access token whose session is still alive in the store. A token that outlived its
// session's end (log-out, "end session", password change) is refused even where the
// authenticator has not heard of the end yet.
#include "handlers/auth_flows.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::auth {

// session_principal(), then kUnauthenticated ("session ended") unless the token's session
// (Principal::session_id) is a live session of the caller.
Result<const http::Principal*> live_session_principal(const AuthFlows& flows,
                                                      const http::Request& request);

}  // namespace sp::auth
