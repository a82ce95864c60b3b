#pragma once
// The analytics API's handlers: parse the request, call one flow, serialise the answer.
#include "handlers/analytics_api.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::analytics::handlers {

using HandlerResult = Result<http::Response>;

inline constexpr std::size_t kMaxBeaconBytes = 64 * 1024;
inline constexpr std::size_t kMaxBeaconEvents = 100;

// ingest_handlers.cpp
HandlerResult post_events(const AnalyticsApi& api, http::Request& request);
// report_handlers.cpp
HandlerResult get_post_stats(const AnalyticsApi& api, http::Request& request);
HandlerResult get_creator_stats(const AnalyticsApi& api, http::Request& request);
HandlerResult get_trending(const AnalyticsApi& api, http::Request& request);
HandlerResult list_anomalies(const AnalyticsApi& api, http::Request& request);

}  // namespace sp::analytics::handlers
