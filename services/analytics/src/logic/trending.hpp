#pragma once
// Trending scores, pure: each hourly bucket of a post weighs views + 3 likes + 5 comments, decayed
// by its age with a half-life of 6 hours (period day, the last 24 hours) or 24 hours (period
// week, the last 7 days). A tag's or a model's score is the sum of its posts' scores. Flagged
// views were never counted, so they cannot lift a post, a tag or a model.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "logic/count_plan.hpp"

namespace sp::analytics {

enum class Period { kDay, kWeek };

struct PeriodSpec {
  int64_t length_ms;
  double half_life_hours;
};
PeriodSpec period_spec(Period period);

struct HourBucket {
  int64_t post_id = 0;
  int64_t start_ms = 0;
  Counts counts;
};

struct PostFacts {
  std::vector<std::string> tags;
  std::optional<std::string> model;
};

struct TrendingPost {
  int64_t post_id = 0;
  double score = 0;
  int64_t views = 0;
};
struct TrendingName {
  std::string name;
  double score = 0;
};
struct Trending {
  std::vector<TrendingPost> posts;
  std::vector<TrendingName> tags;
  std::vector<TrendingName> models;
};

// The top `limit` of each list, highest score first (ties: newer post, then name).
Trending rank_trending(const std::vector<HourBucket>& buckets,
                       const std::map<int64_t, PostFacts>& facts, Period period, int64_t now_ms,
                       std::size_t limit = 20);

}  // namespace sp::analytics
