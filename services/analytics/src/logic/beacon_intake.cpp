#include "logic/beacon_intake.hpp"

#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace sp::analytics {
namespace {

Status spend(cache::RateLimiter& limiter, const std::string& key, int64_t per_minute, int64_t burst,
             int64_t cost) {
  cache::Limit limit{.rate = per_minute, .period = std::chrono::minutes(1), .burst = burst};
  SP_ASSIGN_OR_RETURN(cache::Decision d, limiter.acquire(key, limit, std::min(cost, burst)));
  if (d.allowed) return ok_status();
  Error e(ErrorCode::kRateLimited, "too many analytics events from this address");
  e.retry_after_seconds =
      static_cast<int>(std::max<int64_t>(1, (d.retry_after.count() + 999) / 1000));
  return e;
}

}  // namespace

Result<int64_t> BeaconIntake::accept(const std::string& address,
                                     const std::vector<BeaconView>& views) {
  SP_TRY(spend(*limiter_, "analytics.req:" + address, limits_.requests_per_minute,
               std::max<int64_t>(1, limits_.requests_per_minute / 4), 1));
  SP_TRY(spend(*limiter_, "analytics.ev:" + address, limits_.events_per_minute,
               std::max<int64_t>(100, limits_.events_per_minute / 2),
               static_cast<int64_t>(views.size())));
  if (views.empty()) return int64_t{0};
  const int64_t now = ctx_.clock.now_ms();
  JsonWriter w;
  w.begin_object().key("address").string(address).key("at").time(now).key("views").begin_array();
  for (const BeaconView& v : views) {
    w.begin_object().key("postId").id(v.post_id).key("viewer").string(v.viewer).end_object();
  }
  w.end_array().end_object();
  events::Envelope e{.id = id_to_string(ctx_.ids.next()),
                     .type = std::string(kViewBatchTopic),
                     .version = 1,
                     .occurred_at_ms = now,
                     .key = address,
                     .data_json = std::move(w).take()};
  SP_TRY(ctx_.store.enqueue(e));
  return static_cast<int64_t>(views.size());
}

}  // namespace sp::analytics
