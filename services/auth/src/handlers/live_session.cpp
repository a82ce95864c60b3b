#include "handlers/live_session.hpp"

#include "handlers/request_support.hpp"
#include "logic/session_ends.hpp"

namespace sp::auth {

Result<const http::Principal*> live_session_principal(const AuthFlows& flows,
                                                      const http::Request& request) {
  SP_ASSIGN_OR_RETURN(const http::Principal* caller, session_principal(request));
  SP_TRY(require_live_session(flows.ctx, caller->user_id, caller->session_id));
  return caller;
}

}  // namespace sp::auth
