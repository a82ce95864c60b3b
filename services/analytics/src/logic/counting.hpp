#pragma once
// The consumers' side: views (analytics.view_batch), likes, comments and published posts become
// counter changes, each event applied once in one transaction with its envelope id; user.deleted
// removes the user's analytics rows; dirty view totals are published as analytics.post_views.
// Thread-safety: every method may be called from any consumer thread (one mutex guards the
// in-memory ViewCounter and the author cache).
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "logic/analytics_context.hpp"
#include "logic/view_counter.hpp"

namespace sp::analytics {

struct ViewBatch {
  std::string event_id;
  std::string address;
  int64_t at_ms = 0;
  std::vector<std::pair<int64_t, std::string>> views;  // (post, viewer)
};

class Counting {
 public:
  Counting(AnalyticsContext& ctx, AnomalyRules rules = {}) : ctx_(ctx), counter_(rules) {}

  // Loads the views counted within the last 30 minutes (the repeat rule's memory) from the store.
  Status warm();
  Status on_view_batch(const ViewBatch& batch);
  Status on_like(const std::string& event_id, int64_t post, int64_t author, bool liked,
                 int64_t at_ms);
  Status on_comment(const std::string& event_id, int64_t post, int64_t post_author, int64_t at_ms);
  Status on_published(const std::string& event_id, const PostMeta& post);
  Status on_user_deleted(const std::string& event_id, int64_t user_id);
  // Publishes the changed view totals (one event per post however many views it got); returns
  // how many events were written.
  Result<int> publish_views();
  Status prune();

 private:
  Status apply(const std::string& event_id, int64_t at_ms, CountPlan& plan,
               const std::optional<PostMeta>& post = std::nullopt);
  std::optional<int64_t> author_of(int64_t post_id);  // under mu_

  AnalyticsContext& ctx_;
  std::mutex mu_;
  ViewCounter counter_;
  std::unordered_map<int64_t, int64_t> authors_;  // post -> author (bounded cache)
};

}  // namespace sp::analytics
