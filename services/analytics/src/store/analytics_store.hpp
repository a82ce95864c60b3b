#pragma once
// The analytics SQL store over db::Database (SQLite or PostgreSQL). Every consumed event is
// applied in one transaction together with its envelope id, so a redelivered event changes
// nothing (consumers restart from committed positions with no double counting).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "logic/count_plan.hpp"
#include "logic/trending.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::analytics {

Result<int> migrate_analytics_store(db::Database& db);

struct PostMeta {
  int64_t post_id = 0;
  int64_t author_id = 0;
  std::string title;
  std::vector<std::string> tags;
  std::optional<std::string> model;
  int64_t published_at_ms = 0;
};

struct StoredAnomaly {
  int64_t id = 0;
  std::string kind;
  std::optional<int64_t> post_id;
  std::string address;
  std::string viewer;
  double score = 0;
  int64_t retracted = 0;
  std::string evidence_json;
  int64_t flagged_at_ms = 0;
};

struct SeriesPoint {
  int64_t start_ms = 0;
  Counts counts;
};

struct TopPost {
  int64_t post_id = 0;
  std::string title;
  Counts counts;
};

class AnalyticsStore {
 public:
  explicit AnalyticsStore(db::Database& db) : db_(db) {}

  Result<bool> seen(const std::string& event_id);
  // Writes one event to the outbox in its own transaction.
  Status enqueue(const events::Envelope& envelope);
  // Applies `plan` (anomalies with their ids) under `event_id`; false when the event was already
  // applied (nothing changed). `post` (gallery.post.published) is upserted in the same write.
  Result<bool> apply(const std::string& event_id, int64_t now_ms, const CountPlan& plan,
                     const std::vector<int64_t>& anomaly_ids,
                     const std::optional<PostMeta>& post = std::nullopt);
  Result<std::optional<PostMeta>> post(int64_t post_id);
  // The (viewer, post, counted_at) rows counted at or after `since_ms`.
  Status each_recent_view(int64_t since_ms,
                          const std::function<void(const std::string&, int64_t, int64_t)>& fn);
  // Removes what analytics holds of the user: their viewer rows, their creator counters, their
  // posts and those posts' counters. Idempotent.
  Status remove_user(const std::string& event_id, int64_t user_id, int64_t now_ms);

  Result<Counts> total(Scope scope, int64_t subject);
  // Sum of `grain` buckets of the subject with start in [from, to).
  Result<Counts> sum(Scope scope, int64_t subject, Grain grain, int64_t from_ms, int64_t to_ms);
  Result<std::vector<SeriesPoint>> series(Scope scope, int64_t subject, Grain grain,
                                          int64_t from_ms, int64_t to_ms);
  Result<std::vector<TopPost>> top_posts(int64_t creator, Grain grain, int64_t from_ms,
                                         int64_t to_ms, std::size_t limit);
  Result<std::vector<HourBucket>> post_hours_since(int64_t since_ms);
  // Tags and model of every post with an hourly bucket since `since_ms`.
  Result<std::map<int64_t, PostFacts>> facts_since(int64_t since_ms);
  // Anomalies newest first, after the cursor id (none: from the newest).
  Result<std::vector<StoredAnomaly>> anomalies(std::optional<int64_t> before_id, std::size_t limit);

  // Publishes up to `limit` dirty posts' totals through the outbox (one event per post, made by
  // `make`), clearing them in the same transaction; returns how many.
  Result<int> publish_dirty(
      std::size_t limit,
      const std::function<events::Envelope(int64_t post, int64_t views, int64_t at_ms)>& make);
  // Drops minute buckets older than 2 hours, hourly older than 90 days, dedup rows older than 30
  // minutes and consumed ids older than 7 days.
  Status prune(int64_t now_ms);

 private:
  db::Database& db_;
};

}  // namespace sp::analytics
