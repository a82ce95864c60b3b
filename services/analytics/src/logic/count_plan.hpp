#pragma once
// What one consumed event changes, computed in memory before one write: counter deltas per post
// and per creator (totals, and minute / hour / day buckets), the views the 30-minute rule now
// remembers, anomalies raised, and the posts whose view totals must be published.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "logic/anomaly_detector.hpp"

namespace sp::analytics {

inline constexpr int64_t kMinuteMs = 60'000;
inline constexpr int64_t kHourMs = 3'600'000;
inline constexpr int64_t kDayMs = 86'400'000;

enum class Scope { kPost, kCreator };
std::string_view to_string(Scope scope);  // "post" | "creator"

// 'm' minute buckets (posts only, kept two hours: the 1h window), 'h' hourly (kept 90 days:
// 24h/7d/30d windows, hourly series, trending), 'd' daily (kept for history: daily series).
enum class Grain : char { kMinute = 'm', kHour = 'h', kDay = 'd' };
int64_t bucket_start(Grain grain, int64_t at_ms);

struct Counts {
  int64_t views = 0;
  int64_t likes = 0;
  int64_t comments = 0;
  bool zero() const { return views == 0 && likes == 0 && comments == 0; }
  Counts& operator+=(const Counts& o) {
    views += o.views;
    likes += o.likes;
    comments += o.comments;
    return *this;
  }
};

struct BucketKey {
  Scope scope;
  int64_t subject;
  Grain grain;
  int64_t start_ms;
  auto operator<=>(const BucketKey&) const = default;
};

struct SeenView {
  std::string viewer;
  int64_t post_id = 0;
  int64_t at_ms = 0;
};

struct CountPlan {
  std::map<BucketKey, Counts> buckets;
  std::map<std::pair<Scope, int64_t>, Counts> totals;
  std::vector<SeenView> remembered;  // (viewer, post) counted now: the 30-minute rule's rows
  std::vector<Anomaly> anomalies;
  std::map<int64_t, int64_t> touched_posts;  // post -> time of its last counted view
  int64_t counted = 0;
  int64_t duplicates = 0;
  int64_t excluded = 0;
  int64_t retracted = 0;

  // Adds `delta` at `at_ms` to the post and, when known, its creator.
  void add(int64_t post_id, std::optional<int64_t> creator, int64_t at_ms, const Counts& delta);
  bool empty() const { return buckets.empty() && remembered.empty() && anomalies.empty(); }
};

}  // namespace sp::analytics
