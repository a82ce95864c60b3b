#pragma once
// Bot detection over the stream of views, pure and driven by the views' own timestamps (so tests
// drive it with a ManualClock). Rules (docs/architecture.md, "Analytics: anomaly rules"):
//   address_many_visitors  one client address shows more than `max_visitors_per_address` distinct
//                          visitor ids within `address_window`: the address is flagged
//   visitor_hammering      one viewer views one post more than `max_views_per_post` times within
//                          `viewer_window`: the viewer is flagged
//   visitor_rate           one viewer views more than `max_views_per_viewer` posts/views within
//                          `viewer_window`: the viewer is flagged
//   post_spike             a post's views in the current minute against its own baseline: an EWMA
//                          of its per-minute counts, scaled by the robust spread (1.4826 x MAD of
//                          the recent minutes, at least sqrt(EWMA) and 1); z >= `spike_z` with at
//                          least `spike_min_views` views is listed for admins (not excluded: a
//                          real post can go viral; its bot share is caught by the rules above)
// A flagged address or viewer stays flagged for `flag_ttl`; its views are excluded, and the views
// of it that were already counted within the window are handed back for retraction, so counts
// end as if the burst never happened.
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace sp::analytics {

struct AnomalyRules {
  int64_t max_visitors_per_address = 30;
  std::chrono::milliseconds address_window{std::chrono::minutes(5)};
  int64_t max_views_per_post = 10;
  int64_t max_views_per_viewer = 120;
  std::chrono::milliseconds viewer_window{std::chrono::minutes(1)};
  std::chrono::milliseconds flag_ttl{std::chrono::hours(1)};
  double spike_z = 6.0;
  int64_t spike_min_views = 30;
  std::size_t spike_min_history = 5;  // minutes of history before a post can spike
  double ewma_alpha = 0.1;
  std::size_t remembered_per_address = 2'000;  // counted views kept for retraction
};

enum class AnomalyKind { kAddressManyVisitors, kVisitorHammering, kVisitorRate, kPostSpike };
std::string_view to_string(AnomalyKind kind);

// One view as the detector sees it. `viewer` is "u:<user id>" or "v:<visitor id>".
struct ViewSignal {
  int64_t post_id = 0;
  std::string viewer;
  std::string address;
  int64_t at_ms = 0;
};

struct Anomaly {
  AnomalyKind kind = AnomalyKind::kPostSpike;
  std::optional<int64_t> post_id;
  std::string address;  // empty when the rule is not about an address
  std::string viewer;   // empty when the rule is not about a viewer
  double score = 0;     // the measure that crossed the threshold (count or z)
  int64_t at_ms = 0;
  std::string evidence_json;  // a JSON object with the numbers behind the decision
  int64_t retracted = 0;      // counted views taken back when it was raised
};

struct Verdict {
  bool excluded = false;            // do not count this view
  std::vector<Anomaly> raised;      // new anomalies (flags raised by this view)
  std::vector<ViewSignal> retract;  // views counted earlier that must be taken back
};

class AnomalyDetector {
 public:
  explicit AnomalyDetector(AnomalyRules rules = {});

  // Observes one view (in time order, roughly) and decides.
  Verdict observe(const ViewSignal& view);
  // The view was counted: remember it so a later flag of its address or viewer can retract it.
  void counted(const ViewSignal& view);
  bool address_flagged(const std::string& address, int64_t now_ms) const;
  bool viewer_flagged(const std::string& viewer, int64_t now_ms) const;
  // Forgets everything (after a failed write, the store is the truth again).
  void reset();
  const AnomalyRules& rules() const { return rules_; }

 private:
  struct AddressState {
    std::unordered_map<std::string, int64_t> visitors;  // viewer -> last seen
    std::deque<ViewSignal> counted;                     // counted views, oldest first
    int64_t last_ms = 0;
  };
  struct ViewerState {
    std::deque<int64_t> views;  // times within the window
    std::unordered_map<int64_t, std::deque<int64_t>> per_post;
    int64_t last_ms = 0;
  };
  struct PostState {
    int64_t minute = -1;
    int64_t count = 0;
    double ewma = 0;
    bool ewma_ready = false;
    std::deque<int64_t> history;  // completed minutes, newest last (at most 60)
    bool raised_this_minute = false;
    int64_t last_ms = 0;
  };

  void flag_address(const std::string& address, int64_t now_ms, Verdict& verdict,
                    const ViewSignal& trigger, std::size_t distinct);
  void flag_viewer(const std::string& viewer, const std::string& address, AnomalyKind kind,
                   int64_t count, const ViewSignal& trigger, Verdict& verdict);
  void check_post(const ViewSignal& view, Verdict& verdict);
  void prune(int64_t now_ms);

  AnomalyRules rules_;
  std::unordered_map<std::string, AddressState> addresses_;
  std::unordered_map<std::string, ViewerState> viewers_;
  std::unordered_map<int64_t, PostState> posts_;
  std::unordered_map<std::string, int64_t> flagged_addresses_;  // -> flagged until
  std::unordered_map<std::string, int64_t> flagged_viewers_;
  int64_t last_prune_ms_ = 0;
};

// Robust statistics used by the post rule (exposed for tests).
double median_of(std::vector<double> values);
double mad_of(const std::vector<double>& values);  // median absolute deviation

}  // namespace sp::analytics
