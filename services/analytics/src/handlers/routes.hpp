#pragma once
// The /v1/analytics routes.
#include <functional>

#include "handlers/analytics_api.hpp"
#include "strangeprompt/http/router.hpp"

namespace sp::analytics {

// `api()` is null until the service has started (routes answer 503 then).
using ApiProvider = std::function<const AnalyticsApi*()>;
void register_analytics_routes(http::Router& router, ApiProvider api);

}  // namespace sp::analytics
