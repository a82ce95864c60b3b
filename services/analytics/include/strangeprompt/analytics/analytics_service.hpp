#pragma once
// The analytics service under /v1/analytics: view beacons, counters per post and per creator
// (totals, sliding windows, hourly and daily rollups), trending, bot detection, creator stats.
// It learns about posts, likes and comments from the gallery's events, publishes view totals as
// analytics.post_views, and never reads another service's tables.
#include <memory>

#include "strangeprompt/service/service.hpp"

namespace sp::analytics {

class AnalyticsService : public service::Service {};

std::unique_ptr<AnalyticsService> make_analytics_service(const service::ServiceEnv& env);

}  // namespace sp::analytics
