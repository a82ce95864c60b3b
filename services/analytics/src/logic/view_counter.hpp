#pragma once
// Which views count, in memory and pure: a view by the same viewer of the same post within 30
// minutes of the last counted one is a duplicate; a view the AnomalyDetector excludes is not
// counted, and the views it retracts are subtracted where they were added. The caller writes the
// resulting CountPlan in one transaction and calls forget() when that write failed (the store's
// rows are then the truth, reloaded through remember()).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "logic/anomaly_detector.hpp"
#include "logic/count_plan.hpp"

namespace sp::analytics {

inline constexpr int64_t kRepeatWindowMs = 30 * kMinuteMs;

class ViewCounter {
 public:
  // `author_of(post)`: the post's creator, nullopt when the post is unknown (its views are
  // dropped).
  using AuthorOf = std::function<std::optional<int64_t>(int64_t post_id)>;

  explicit ViewCounter(AnomalyRules rules = {}) : detector_(rules) {}

  // Adds the views of one batch to `plan`.
  void count(const std::vector<ViewSignal>& views, const AuthorOf& author_of, CountPlan& plan);
  // A counted (viewer, post) from the store (after a restart or a failed write).
  void remember(const std::string& viewer, int64_t post_id, int64_t counted_at_ms);
  // Drops all memory (dedup and detector state).
  void forget();
  // Removes every remembered view of `viewer` ("u:<id>" on user.deleted).
  void forget_viewer(const std::string& viewer);
  std::size_t remembered() const { return last_counted_.size(); }
  const AnomalyDetector& detector() const { return detector_; }

 private:
  static std::string key(const std::string& viewer, int64_t post_id);
  void prune(int64_t now_ms);

  AnomalyDetector detector_;
  std::unordered_map<std::string, int64_t> last_counted_;  // viewer \x1f post -> counted at
  int64_t last_prune_ms_ = 0;
};

}  // namespace sp::analytics
