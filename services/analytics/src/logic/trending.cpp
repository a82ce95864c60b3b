#include "logic/trending.hpp"

#include <algorithm>
#include <cmath>

namespace sp::analytics {

PeriodSpec period_spec(Period period) {
  return period == Period::kDay ? PeriodSpec{kDayMs, 6.0} : PeriodSpec{7 * kDayMs, 24.0};
}

Trending rank_trending(const std::vector<HourBucket>& buckets,
                       const std::map<int64_t, PostFacts>& facts, Period period, int64_t now_ms,
                       std::size_t limit) {
  const PeriodSpec spec = period_spec(period);
  std::map<int64_t, TrendingPost> posts;
  for (const HourBucket& b : buckets) {
    if (b.start_ms + kHourMs <= now_ms - spec.length_ms || b.start_ms > now_ms) continue;
    const double age_hours =
        std::max(0.0, static_cast<double>(now_ms - b.start_ms - kHourMs / 2) / kHourMs);
    const double weight = std::pow(0.5, age_hours / spec.half_life_hours);
    const double raw =
        static_cast<double>(b.counts.views + 3 * b.counts.likes + 5 * b.counts.comments);
    TrendingPost& p = posts[b.post_id];
    p.post_id = b.post_id;
    p.score += raw * weight;
    p.views += b.counts.views;
  }
  Trending out;
  std::map<std::string, double> tags;
  std::map<std::string, double> models;
  for (const auto& [id, p] : posts) {
    if (p.score <= 0) continue;
    out.posts.push_back(p);
    auto f = facts.find(id);
    if (f == facts.end()) continue;
    for (const std::string& t : f->second.tags) tags[t] += p.score;
    if (f->second.model && !f->second.model->empty()) models[*f->second.model] += p.score;
  }
  std::sort(out.posts.begin(), out.posts.end(), [](const TrendingPost& a, const TrendingPost& b) {
    return a.score != b.score ? a.score > b.score : a.post_id > b.post_id;
  });
  if (out.posts.size() > limit) out.posts.resize(limit);
  auto ranked = [limit](const std::map<std::string, double>& m) {
    std::vector<TrendingName> v;
    for (const auto& [name, score] : m) v.push_back({name, score});
    std::sort(v.begin(), v.end(), [](const TrendingName& a, const TrendingName& b) {
      return a.score != b.score ? a.score > b.score : a.name < b.name;
    });
    if (v.size() > limit) v.resize(limit);
    return v;
  };
  out.tags = ranked(tags);
  out.models = ranked(models);
  return out;
}

}  // namespace sp::analytics
