#pragma once
// The analytics service's objects, built once the database is migrated: store, ids, flows and
// the list pager, and the API view of them the handlers use.
#include <cstdint>
#include <memory>

#include "handlers/analytics_api.hpp"
#include "logic/beacon_intake.hpp"
#include "logic/counting.hpp"
#include "logic/reports.hpp"
#include "store/analytics_store.hpp"

namespace sp::analytics {

class AnalyticsRuntime {
 public:
  AnalyticsRuntime(db::Database& db, const Clock& clock, uint32_t node, http::Pager pager,
                   std::unique_ptr<cache::RateLimiter> limiter, BeaconLimits limits,
                   AnomalyRules rules = {})
      : store_(db),
        ids_(clock, node),
        ctx_{store_, clock, ids_},
        intake_(ctx_, std::move(limiter), limits),
        counting_(ctx_, rules),
        reports_(ctx_),
        pager_(std::move(pager)),
        api_{intake_, reports_, pager_} {}
  AnalyticsRuntime(const AnalyticsRuntime&) = delete;
  AnalyticsRuntime& operator=(const AnalyticsRuntime&) = delete;

  const AnalyticsApi& api() const { return api_; }
  Counting& counting() { return counting_; }

 private:
  AnalyticsStore store_;
  IdGenerator ids_;
  AnalyticsContext ctx_;
  BeaconIntake intake_;
  Counting counting_;
  Reports reports_;
  http::Pager pager_;
  AnalyticsApi api_;
};

}  // namespace sp::analytics
