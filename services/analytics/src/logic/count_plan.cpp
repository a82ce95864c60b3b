#include "logic/count_plan.hpp"

namespace sp::analytics {

std::string_view to_string(Scope scope) {
  return scope == Scope::kPost ? "post" : "creator";
}

int64_t bucket_start(Grain grain, int64_t at_ms) {
  const int64_t size = grain == Grain::kMinute ? kMinuteMs
                       : grain == Grain::kHour ? kHourMs
                                               : kDayMs;
  const int64_t floored = at_ms - (at_ms % size + size) % size;
  return floored;
}

void CountPlan::add(int64_t post_id, std::optional<int64_t> creator, int64_t at_ms,
                    const Counts& delta) {
  auto add_scope = [&](Scope scope, int64_t subject) {
    for (Grain g : {Grain::kMinute, Grain::kHour, Grain::kDay}) {
      if (g == Grain::kMinute && scope == Scope::kCreator) continue;  // no creator 1h window
      buckets[BucketKey{scope, subject, g, bucket_start(g, at_ms)}] += delta;
    }
    totals[{scope, subject}] += delta;
  };
  add_scope(Scope::kPost, post_id);
  if (creator) add_scope(Scope::kCreator, *creator);
}

}  // namespace sp::analytics
