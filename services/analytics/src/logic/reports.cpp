#include "logic/reports.hpp"

namespace sp::analytics {

Result<PostStats> Reports::post_stats(int64_t post_id) {
  SP_ASSIGN_OR_RETURN(std::optional<PostMeta> post, ctx_.store.post(post_id));
  if (!post) return Error::not_found("post not found");
  const int64_t now = ctx_.clock.now_ms();
  PostStats s;
  s.post_id = post_id;
  SP_ASSIGN_OR_RETURN(s.total, ctx_.store.total(Scope::kPost, post_id));
  const int64_t minute = bucket_start(Grain::kMinute, now);
  const int64_t hour = bucket_start(Grain::kHour, now);
  SP_ASSIGN_OR_RETURN(s.windows[0], ctx_.store.sum(Scope::kPost, post_id, Grain::kMinute,
                                                   minute - 59 * kMinuteMs, minute + kMinuteMs));
  const std::array<int64_t, 3> hours{24, 7 * 24, 30 * 24};
  for (std::size_t i = 0; i < hours.size(); ++i) {
    SP_ASSIGN_OR_RETURN(s.windows[i + 1],
                        ctx_.store.sum(Scope::kPost, post_id, Grain::kHour,
                                       hour - (hours[i] - 1) * kHourMs, hour + kHourMs));
  }
  return s;
}

Result<CreatorStats> Reports::creator_stats(int64_t creator, std::optional<int64_t> from_ms,
                                            std::optional<int64_t> to_ms, Grain grain) {
  const int64_t step = grain == Grain::kHour ? kHourMs : kDayMs;
  CreatorStats s;
  s.grain = grain;
  s.to_ms = to_ms.value_or(ctx_.clock.now_ms());
  s.from_ms = from_ms.value_or(s.to_ms - (grain == Grain::kHour ? 24 * kHourMs : 30 * kDayMs));
  if (s.from_ms >= s.to_ms) {
    Error e = Error::invalid("invalid query");
    e.fields.push_back({"from", "must be before to"});
    return e;
  }
  const int64_t first = bucket_start(grain, s.from_ms);
  const int64_t points = (s.to_ms - first + step - 1) / step;
  if (points > (grain == Grain::kHour ? kMaxHourPoints : kMaxDayPoints)) {
    Error e = Error::invalid("invalid query");
    e.fields.push_back({"from", grain == Grain::kHour ? "at most 744 hours (31 days) per request"
                                                      : "at most 400 days per request"});
    return e;
  }
  SP_ASSIGN_OR_RETURN(std::vector<SeriesPoint> stored,
                      ctx_.store.series(Scope::kCreator, creator, grain, first, s.to_ms));
  std::size_t next = 0;
  for (int64_t start = first; start < s.to_ms; start += step) {
    SeriesPoint p{start, {}};
    if (next < stored.size() && stored[next].start_ms == start) p.counts = stored[next++].counts;
    s.totals += p.counts;
    s.series.push_back(p);
  }
  SP_ASSIGN_OR_RETURN(s.top_posts, ctx_.store.top_posts(creator, grain, first, s.to_ms, 10));
  return s;
}

Result<Trending> Reports::trending(Period period) {
  const int64_t now = ctx_.clock.now_ms();
  const int64_t since = bucket_start(Grain::kHour, now - period_spec(period).length_ms);
  SP_ASSIGN_OR_RETURN(std::vector<HourBucket> buckets, ctx_.store.post_hours_since(since));
  SP_ASSIGN_OR_RETURN(auto facts, ctx_.store.facts_since(since));
  // Only posts analytics knows (a deleted user's posts are gone from both).
  std::erase_if(buckets, [&](const HourBucket& b) { return !facts.contains(b.post_id); });
  return rank_trending(buckets, facts, period, now);
}

Result<std::vector<StoredAnomaly>> Reports::anomalies(std::optional<int64_t> before_id,
                                                      std::size_t limit) {
  return ctx_.store.anomalies(before_id, limit);
}

}  // namespace sp::analytics
