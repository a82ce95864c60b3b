#pragma once
// The profile API's routes on a router.
#include <functional>

#include "handlers/profile_api.hpp"
#include "strangeprompt/http/router.hpp"

namespace sp::profile {

// Returns the API once the service has started, else null (the route answers 503).
using ApiProvider = std::function<const ProfileApi*()>;

void register_profile_routes(http::Router& router, ApiProvider api);

}  // namespace sp::profile
