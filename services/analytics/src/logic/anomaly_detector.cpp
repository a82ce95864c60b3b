#include "logic/anomaly_detector.hpp"

#include <algorithm>
#include <cmath>

#include "strangeprompt/core/json_writer.hpp"

namespace sp::analytics {
namespace {

constexpr int64_t kMinuteMs = 60'000;
constexpr std::size_t kHistoryMinutes = 60;

void drop_before(std::deque<int64_t>& times, int64_t since_ms) {
  while (!times.empty() && times.front() < since_ms) times.pop_front();
}

}  // namespace

std::string_view to_string(AnomalyKind kind) {
  switch (kind) {
    case AnomalyKind::kAddressManyVisitors:
      return "address_many_visitors";
    case AnomalyKind::kVisitorHammering:
      return "visitor_hammering";
    case AnomalyKind::kVisitorRate:
      return "visitor_rate";
    case AnomalyKind::kPostSpike:
      return "post_spike";
  }
  return "post_spike";
}

double median_of(std::vector<double> values) {
  if (values.empty()) return 0;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  double m = values[mid];
  if (values.size() % 2 == 0) {
    m = (m + *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid))) /
        2;
  }
  return m;
}

double mad_of(const std::vector<double>& values) {
  const double m = median_of(values);
  std::vector<double> dev;
  dev.reserve(values.size());
  for (double v : values) dev.push_back(std::fabs(v - m));
  return median_of(std::move(dev));
}

AnomalyDetector::AnomalyDetector(AnomalyRules rules) : rules_(rules) {}

void AnomalyDetector::reset() {
  addresses_.clear();
  viewers_.clear();
  posts_.clear();
  flagged_addresses_.clear();
  flagged_viewers_.clear();
  last_prune_ms_ = 0;
}

bool AnomalyDetector::address_flagged(const std::string& address, int64_t now_ms) const {
  auto it = flagged_addresses_.find(address);
  return it != flagged_addresses_.end() && it->second > now_ms;
}

bool AnomalyDetector::viewer_flagged(const std::string& viewer, int64_t now_ms) const {
  auto it = flagged_viewers_.find(viewer);
  return it != flagged_viewers_.end() && it->second > now_ms;
}

Verdict AnomalyDetector::observe(const ViewSignal& view) {
  Verdict verdict;
  const int64_t now = view.at_ms;
  if (now - last_prune_ms_ >= kMinuteMs) prune(now);

  // Per address: distinct visitor ids within the window.
  if (!view.address.empty()) {
    AddressState& a = addresses_[view.address];
    a.last_ms = now;
    a.visitors[view.viewer] = now;
    const int64_t since = now - rules_.address_window.count();
    if (static_cast<int64_t>(a.visitors.size()) > rules_.max_visitors_per_address) {
      std::erase_if(a.visitors, [since](const auto& kv) { return kv.second < since; });
    }
    if (static_cast<int64_t>(a.visitors.size()) > rules_.max_visitors_per_address &&
        !address_flagged(view.address, now)) {
      flag_address(view.address, now, verdict, view, a.visitors.size());
    }
  }

  // Per viewer: overall rate and views of this post.
  ViewerState& v = viewers_[view.viewer];
  v.last_ms = now;
  const int64_t since = now - rules_.viewer_window.count();
  v.views.push_back(now);
  drop_before(v.views, since);
  std::deque<int64_t>& on_post = v.per_post[view.post_id];
  on_post.push_back(now);
  drop_before(on_post, since);
  if (!viewer_flagged(view.viewer, now)) {
    if (static_cast<int64_t>(on_post.size()) > rules_.max_views_per_post) {
      flag_viewer(view.viewer, view.address, AnomalyKind::kVisitorHammering,
                  static_cast<int64_t>(on_post.size()), view, verdict);
    } else if (static_cast<int64_t>(v.views.size()) > rules_.max_views_per_viewer) {
      flag_viewer(view.viewer, view.address, AnomalyKind::kVisitorRate,
                  static_cast<int64_t>(v.views.size()), view, verdict);
    }
  }

  verdict.excluded = address_flagged(view.address, now) || viewer_flagged(view.viewer, now);
  if (!verdict.excluded) check_post(view, verdict);
  return verdict;
}

void AnomalyDetector::counted(const ViewSignal& view) {
  AddressState& a = addresses_[view.address];
  a.counted.push_back(view);
  const int64_t since = view.at_ms - rules_.address_window.count();
  while (!a.counted.empty() &&
         (a.counted.front().at_ms < since || a.counted.size() > rules_.remembered_per_address)) {
    a.counted.pop_front();
  }
}

void AnomalyDetector::flag_address(const std::string& address, int64_t now_ms, Verdict& verdict,
                                   const ViewSignal& trigger, std::size_t distinct) {
  flagged_addresses_[address] = now_ms + rules_.flag_ttl.count();
  AddressState& a = addresses_[address];
  Anomaly anomaly{.kind = AnomalyKind::kAddressManyVisitors,
                  .post_id = trigger.post_id,
                  .address = address,
                  .viewer = {},
                  .score = static_cast<double>(distinct),
                  .at_ms = now_ms,
                  .evidence_json = {},
                  .retracted = 0};
  anomaly.retracted = static_cast<int64_t>(a.counted.size());
  for (ViewSignal& counted : a.counted) verdict.retract.push_back(std::move(counted));
  a.counted.clear();
  anomaly.evidence_json = JsonObject()
                              .integer("distinctVisitors", static_cast<int64_t>(distinct))
                              .integer("threshold", rules_.max_visitors_per_address)
                              .integer("windowSeconds", rules_.address_window.count() / 1000)
                              .integer("retractedViews", anomaly.retracted)
                              .str();
  verdict.raised.push_back(std::move(anomaly));
}

void AnomalyDetector::flag_viewer(const std::string& viewer, const std::string& address,
                                  AnomalyKind kind, int64_t count, const ViewSignal& trigger,
                                  Verdict& verdict) {
  flagged_viewers_[viewer] = trigger.at_ms + rules_.flag_ttl.count();
  Anomaly anomaly{.kind = kind,
                  .post_id = trigger.post_id,
                  .address = address,
                  .viewer = viewer,
                  .score = static_cast<double>(count),
                  .at_ms = trigger.at_ms,
                  .evidence_json = {},
                  .retracted = 0};
  auto it = addresses_.find(address);
  if (it != addresses_.end()) {
    auto& counted = it->second.counted;
    for (auto c = counted.begin(); c != counted.end();) {
      if (c->viewer == viewer) {
        verdict.retract.push_back(std::move(*c));
        c = counted.erase(c);
        ++anomaly.retracted;
      } else {
        ++c;
      }
    }
  }
  const int64_t threshold = kind == AnomalyKind::kVisitorHammering ? rules_.max_views_per_post
                                                                   : rules_.max_views_per_viewer;
  anomaly.evidence_json = JsonObject()
                              .integer("views", count)
                              .integer("threshold", threshold)
                              .integer("windowSeconds", rules_.viewer_window.count() / 1000)
                              .integer("retractedViews", anomaly.retracted)
                              .str();
  verdict.raised.push_back(std::move(anomaly));
}

void AnomalyDetector::check_post(const ViewSignal& view, Verdict& verdict) {
  PostState& p = posts_[view.post_id];
  p.last_ms = view.at_ms;
  const int64_t minute = view.at_ms / kMinuteMs;
  if (p.minute < 0) p.minute = minute;
  if (minute > p.minute) {
    // Close the finished minute and any silent ones after it (at most an hour of them).
    const int64_t gap = std::min<int64_t>(minute - p.minute, kHistoryMinutes);
    for (int64_t i = 0; i < gap; ++i) {
      const int64_t value = i == 0 ? p.count : 0;
      p.history.push_back(value);
      if (p.history.size() > kHistoryMinutes) p.history.pop_front();
      p.ewma = p.ewma_ready ? rules_.ewma_alpha * static_cast<double>(value) +
                                  (1 - rules_.ewma_alpha) * p.ewma
                            : static_cast<double>(value);
      p.ewma_ready = true;
    }
    p.minute = minute;
    p.count = 0;
    p.raised_this_minute = false;
  }
  ++p.count;
  if (p.raised_this_minute || p.count < rules_.spike_min_views ||
      p.history.size() < rules_.spike_min_history) {
    return;
  }
  std::vector<double> history(p.history.begin(), p.history.end());
  const double median = median_of(history);
  const double mad = mad_of(history);
  const double scale = std::max({1.4826 * mad, std::sqrt(std::max(p.ewma, 0.0)), 1.0});
  const double z = (static_cast<double>(p.count) - p.ewma) / scale;
  if (z < rules_.spike_z) return;
  p.raised_this_minute = true;
  Anomaly anomaly{.kind = AnomalyKind::kPostSpike,
                  .post_id = view.post_id,
                  .address = {},
                  .viewer = {},
                  .score = z,
                  .at_ms = view.at_ms,
                  .evidence_json = {},
                  .retracted = 0};
  anomaly.evidence_json = JsonObject()
                              .integer("viewsThisMinute", p.count)
                              .number("ewma", p.ewma)
                              .number("median", median)
                              .number("mad", mad)
                              .number("z", z)
                              .number("threshold", rules_.spike_z)
                              .str();
  verdict.raised.push_back(std::move(anomaly));
}

void AnomalyDetector::prune(int64_t now_ms) {
  last_prune_ms_ = now_ms;
  const int64_t address_since = now_ms - rules_.address_window.count();
  const int64_t viewer_since = now_ms - rules_.viewer_window.count();
  std::erase_if(addresses_, [&](const auto& kv) { return kv.second.last_ms < address_since; });
  std::erase_if(viewers_, [&](const auto& kv) { return kv.second.last_ms < viewer_since; });
  for (auto& [viewer, state] : viewers_) {
    std::erase_if(state.per_post, [&](const auto& p) {
      return p.second.empty() || p.second.back() < viewer_since;
    });
  }
  std::erase_if(posts_, [&](const auto& kv) {
    return kv.second.last_ms < now_ms - static_cast<int64_t>(kHistoryMinutes) * kMinuteMs;
  });
  std::erase_if(flagged_addresses_, [&](const auto& kv) { return kv.second <= now_ms; });
  std::erase_if(flagged_viewers_, [&](const auto& kv) { return kv.second <= now_ms; });
}

}  // namespace sp::analytics
