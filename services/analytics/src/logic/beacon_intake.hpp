#pragma once
// POST /v1/analytics/events after validation: the request's views become one analytics.view_batch
// event in the outbox (durable before the 202), counted later by the view consumer. Limits: per
// client address, events per minute and requests per minute (cache::RateLimiter port).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "logic/analytics_context.hpp"
#include "strangeprompt/cache/rate_limiter.hpp"

namespace sp::analytics {

struct BeaconLimits {
  int64_t events_per_minute = 1'200;  // per client address (burst: half of it)
  int64_t requests_per_minute = 240;  // per client address (burst: a quarter of it)
};

struct BeaconView {
  int64_t post_id = 0;
  std::string viewer;  // "u:<id>" or "v:<visitor id>"
};

class BeaconIntake {
 public:
  BeaconIntake(AnalyticsContext& ctx, std::unique_ptr<cache::RateLimiter> limiter,
               BeaconLimits limits)
      : ctx_(ctx), limiter_(std::move(limiter)), limits_(limits) {}

  // kRateLimited (with retry_after) when the address spent its allowance; else the number of
  // accepted views.
  Result<int64_t> accept(const std::string& address, const std::vector<BeaconView>& views);

 private:
  AnalyticsContext& ctx_;
  std::unique_ptr<cache::RateLimiter> limiter_;
  BeaconLimits limits_;
};

}  // namespace sp::analytics
