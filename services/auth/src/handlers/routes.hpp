#pragma once
// The /v1/auth routes and their policies.
#include <functional>

#include "handlers/auth_flows.hpp"
#include "strangeprompt/http/router.hpp"

namespace sp::auth {

// Where handlers find the flows at request time; null until the service has started (503).
using FlowsProvider = std::function<const AuthFlows*()>;

void register_auth_routes(http::Router& router, FlowsProvider flows);

}  // namespace sp::auth
