#pragma once
// The read side: post stats with sliding windows, a creator's time series and top posts,
// trending, and the anomaly list for admins.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "logic/analytics_context.hpp"
#include "logic/trending.hpp"

namespace sp::analytics {

struct PostStats {
  int64_t post_id = 0;
  Counts total;
  std::array<Counts, 4> windows;  // 1h, 24h, 7d, 30d
};
inline constexpr std::array<std::string_view, 4> kWindowNames{"1h", "24h", "7d", "30d"};

struct CreatorStats {
  int64_t from_ms = 0;
  int64_t to_ms = 0;
  Grain grain = Grain::kDay;
  Counts totals;
  std::vector<SeriesPoint> series;  // every bucket in [from, to), zeros included
  std::vector<TopPost> top_posts;
};

inline constexpr int64_t kMaxHourPoints = 24 * 31;
inline constexpr int64_t kMaxDayPoints = 400;

class Reports {
 public:
  explicit Reports(AnalyticsContext& ctx) : ctx_(ctx) {}

  // kNotFound when analytics never saw the post published.
  Result<PostStats> post_stats(int64_t post_id);
  // kInvalidArgument (fields from / to) for an empty range or one with too many points.
  Result<CreatorStats> creator_stats(int64_t creator, std::optional<int64_t> from_ms,
                                     std::optional<int64_t> to_ms, Grain grain);
  Result<Trending> trending(Period period);
  Result<std::vector<StoredAnomaly>> anomalies(std::optional<int64_t> before_id, std::size_t limit);

 private:
  AnalyticsContext& ctx_;
};

}  // namespace sp::analytics
