#pragma once
// What the analytics handlers call, assembled by AnalyticsRuntime.
#include "logic/beacon_intake.hpp"
#include "logic/reports.hpp"
#include "strangeprompt/http/paging.hpp"

namespace sp::analytics {

struct AnalyticsApi {
  BeaconIntake& intake;
  Reports& reports;
  const http::Pager& pager;
};

}  // namespace sp::analytics
