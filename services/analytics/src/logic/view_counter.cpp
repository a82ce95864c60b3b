#include "logic/view_counter.hpp"

#include <unordered_set>

namespace sp::analytics {

std::string ViewCounter::key(const std::string& viewer, int64_t post_id) {
  std::string k = viewer;
  k.push_back('\x1f');
  k += std::to_string(post_id);
  return k;
}

void ViewCounter::remember(const std::string& viewer, int64_t post_id, int64_t counted_at_ms) {
  int64_t& at = last_counted_[key(viewer, post_id)];
  at = std::max(at, counted_at_ms);
}

void ViewCounter::forget() {
  last_counted_.clear();
  detector_.reset();
  last_prune_ms_ = 0;
}

void ViewCounter::forget_viewer(const std::string& viewer) {
  const std::string prefix = viewer + '\x1f';
  std::erase_if(last_counted_,
                [&](const auto& kv) { return kv.first.compare(0, prefix.size(), prefix) == 0; });
}

void ViewCounter::prune(int64_t now_ms) {
  last_prune_ms_ = now_ms;
  std::erase_if(last_counted_,
                [&](const auto& kv) { return kv.second <= now_ms - kRepeatWindowMs; });
}

void ViewCounter::count(const std::vector<ViewSignal>& views, const AuthorOf& author_of,
                        CountPlan& plan) {
  for (const ViewSignal& view : views) {
    if (view.at_ms - last_prune_ms_ >= kMinuteMs) prune(view.at_ms);
    const std::optional<int64_t> author = author_of(view.post_id);
    if (!author) continue;  // a post analytics never saw published
    Verdict verdict = detector_.observe(view);
    for (const ViewSignal& back : verdict.retract) {
      plan.add(back.post_id, author_of(back.post_id), back.at_ms, Counts{.views = -1});
      plan.touched_posts[back.post_id] = std::max(plan.touched_posts[back.post_id], back.at_ms);
      ++plan.retracted;
    }
    for (Anomaly& a : verdict.raised) plan.anomalies.push_back(std::move(a));
    if (verdict.excluded) {
      ++plan.excluded;
      continue;
    }
    auto [it, inserted] = last_counted_.try_emplace(key(view.viewer, view.post_id), view.at_ms);
    if (!inserted) {
      if (view.at_ms - it->second < kRepeatWindowMs) {
        ++plan.duplicates;
        continue;
      }
      it->second = view.at_ms;
    }
    detector_.counted(view);
    plan.add(view.post_id, author, view.at_ms, Counts{.views = 1});
    plan.remembered.push_back(SeenView{view.viewer, view.post_id, view.at_ms});
    int64_t& touched = plan.touched_posts[view.post_id];
    touched = std::max(touched, view.at_ms);
    ++plan.counted;
  }
}

}  // namespace sp::analytics
