#include "store/analytics_store.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>

#include "analytics_migrations.hpp"
#include "strangeprompt/db/migrations.hpp"
#include "strangeprompt/db/statements.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace sp::analytics {
namespace {

constexpr const char* kInsertSeen =
    "INSERT INTO analytics_seen_events (event_id, seen_at) VALUES (?, ?) "
    "ON CONFLICT (event_id) DO NOTHING";
constexpr const char* kBucketsHead =
    "INSERT INTO analytics_buckets (scope, subject, grain, start_ms, views, likes, comments) "
    "VALUES ";
constexpr const char* kBucketsTail =
    " ON CONFLICT (scope, subject, grain, start_ms) DO UPDATE SET "
    "views = analytics_buckets.views + excluded.views, "
    "likes = analytics_buckets.likes + excluded.likes, "
    "comments = analytics_buckets.comments + excluded.comments";
constexpr const char* kTotalsHead =
    "INSERT INTO analytics_totals (scope, subject, views, likes, comments) VALUES ";
constexpr const char* kTotalsTail =
    " ON CONFLICT (scope, subject) DO UPDATE SET "
    "views = analytics_totals.views + excluded.views, "
    "likes = analytics_totals.likes + excluded.likes, "
    "comments = analytics_totals.comments + excluded.comments";
constexpr const char* kDedupHead =
    "INSERT INTO analytics_view_dedup (viewer, post_id, counted_at) VALUES ";
constexpr const char* kDedupTail =
    " ON CONFLICT (viewer, post_id) DO UPDATE SET counted_at = excluded.counted_at";
constexpr const char* kDirtyHead =
    "INSERT INTO analytics_views_dirty (post_id, last_view_at) VALUES ";
constexpr const char* kDirtyTail =
    " ON CONFLICT (post_id) DO UPDATE SET last_view_at = excluded.last_view_at";
constexpr const char* kInsertAnomaly =
    "INSERT INTO analytics_anomalies (id, kind, post_id, address, viewer, score, retracted, "
    "evidence, flagged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kUpsertPost =
    "INSERT INTO analytics_posts (post_id, author_id, title, model, published_at) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (post_id) DO UPDATE SET author_id = excluded.author_id, "
    "title = excluded.title, model = excluded.model";

// Multi-row statements of a few fixed sizes (each row has at most 7 parameters): one statement
// per chunk instead of one per row, and few distinct texts, so the engines' prepared-statement
// caches keep them.
constexpr std::array<std::size_t, 4> kChunkRows{64, 16, 4, 1};

// INSERT `head` (?, ...), (?, ...) `tail` for every row. The rows' keys must be unique
// (PostgreSQL refuses to update one row twice in one statement).
Status upsert_rows(db::Session& tx, std::string_view head, std::string_view tail,
                   const std::vector<db::Params>& rows) {
  std::size_t first = 0;
  while (first < rows.size()) {
    std::size_t n = 1;
    for (std::size_t size : kChunkRows) {
      if (size <= rows.size() - first) {
        n = size;
        break;
      }
    }
    std::string sql(head);
    db::Params params;
    for (std::size_t i = first; i < first + n; ++i) {
      sql += i == first ? "(" : ", (";
      for (std::size_t c = 0; c < rows[i].size(); ++c) {
        sql += c == 0 ? "?" : ", ?";
        params.push_back(rows[i][c]);
      }
      sql += ")";
    }
    sql += tail;
    SP_TRY(db::run(tx, sql, params));
    first += n;
  }
  return ok_status();
}

std::string grain_text(Grain g) {
  return std::string(1, static_cast<char>(g));
}

Counts counts_at(const db::Row& row, std::size_t first) {
  return Counts{row.get_int(first), row.get_int(first + 1), row.get_int(first + 2)};
}

}  // namespace

Result<int> migrate_analytics_store(db::Database& db) {
  return db::migrate(db, "analytics", analytics_migrations());
}

Result<bool> AnalyticsStore::seen(const std::string& event_id) {
  SP_ASSIGN_OR_RETURN(
      db::Rows rows,
      db_.query("SELECT 1 FROM analytics_seen_events WHERE event_id = ?", {event_id}));
  return !rows.empty();
}

Status AnalyticsStore::enqueue(const events::Envelope& envelope) {
  return db_.transact([&](db::Session& tx) { return events::Outbox::enqueue(tx, envelope); });
}

Result<bool> AnalyticsStore::apply(const std::string& event_id, int64_t now_ms,
                                   const CountPlan& plan, const std::vector<int64_t>& anomaly_ids,
                                   const std::optional<PostMeta>& post) {
  bool applied = false;
  Status s = db_.transact([&](db::Session& tx) -> Status {
    SP_ASSIGN_OR_RETURN(int64_t inserted, tx.execute(kInsertSeen, {event_id, now_ms}));
    if (inserted == 0) return ok_status();  // applied before: nothing more
    applied = true;
    if (post) {
      SP_TRY(db::run(
          tx, kUpsertPost,
          {post->post_id, post->author_id, post->title, post->model, post->published_at_ms}));
      SP_TRY(db::run(tx, "DELETE FROM analytics_post_tags WHERE post_id = ?", {post->post_id}));
      for (const std::string& tag : post->tags) {
        SP_TRY(db::run(tx,
                       "INSERT INTO analytics_post_tags (post_id, tag) VALUES (?, ?) "
                       "ON CONFLICT (post_id, tag) DO NOTHING",
                       {post->post_id, tag}));
      }
    }
    std::vector<db::Params> rows;
    rows.reserve(plan.buckets.size());
    for (const auto& [k, c] : plan.buckets) {
      if (c.zero()) continue;
      rows.push_back({to_string(k.scope), k.subject, grain_text(k.grain), k.start_ms, c.views,
                      c.likes, c.comments});
    }
    SP_TRY(upsert_rows(tx, kBucketsHead, kBucketsTail, rows));
    rows.clear();
    for (const auto& [k, c] : plan.totals) {
      if (c.zero()) continue;
      rows.push_back({to_string(k.first), k.second, c.views, c.likes, c.comments});
    }
    SP_TRY(upsert_rows(tx, kTotalsHead, kTotalsTail, rows));
    rows.clear();
    std::map<std::pair<std::string_view, int64_t>, int64_t> remembered;  // unique keys
    for (const SeenView& v : plan.remembered) {
      int64_t& at = remembered[{v.viewer, v.post_id}];
      at = std::max(at, v.at_ms);
    }
    for (const auto& [k, at] : remembered) rows.push_back({k.first, k.second, at});
    SP_TRY(upsert_rows(tx, kDedupHead, kDedupTail, rows));
    rows.clear();
    for (std::size_t i = 0; i < plan.anomalies.size() && i < anomaly_ids.size(); ++i) {
      const Anomaly& a = plan.anomalies[i];
      SP_TRY(db::run(tx, kInsertAnomaly,
                     {anomaly_ids[i], to_string(a.kind), a.post_id, a.address, a.viewer, a.score,
                      a.retracted, a.evidence_json, a.at_ms}));
    }
    rows.clear();
    for (const auto& [post_id, at] : plan.touched_posts) rows.push_back({post_id, at});
    SP_TRY(upsert_rows(tx, kDirtyHead, kDirtyTail, rows));
    return ok_status();
  });
  SP_TRY(s);
  return applied;
}

Result<std::optional<PostMeta>> AnalyticsStore::post(int64_t post_id) {
  SP_ASSIGN_OR_RETURN(
      db::Rows rows,
      db_.query("SELECT post_id, author_id, title, model, published_at FROM analytics_posts "
                "WHERE post_id = ?",
                {post_id}));
  if (rows.empty()) return std::optional<PostMeta>();
  const db::Row& r = rows[0];
  PostMeta m{r.get_int(0), r.get_int(1), r.get_text(2), {}, r.opt_text(3), r.get_int(4)};
  SP_ASSIGN_OR_RETURN(
      db::Rows tags,
      db_.query("SELECT tag FROM analytics_post_tags WHERE post_id = ? ORDER BY tag", {post_id}));
  for (const db::Row& t : tags) m.tags.push_back(t.get_text(0));
  return std::optional<PostMeta>(std::move(m));
}

Status AnalyticsStore::each_recent_view(
    int64_t since_ms, const std::function<void(const std::string&, int64_t, int64_t)>& fn) {
  SP_ASSIGN_OR_RETURN(db::Rows rows,
                      db_.query("SELECT viewer, post_id, counted_at FROM analytics_view_dedup "
                                "WHERE counted_at >= ?",
                                {since_ms}));
  for (const db::Row& r : rows) fn(r.get_text(0), r.get_int(1), r.get_int(2));
  return ok_status();
}

Status AnalyticsStore::remove_user(const std::string& event_id, int64_t user_id, int64_t now_ms) {
  return db_.transact([&](db::Session& tx) -> Status {
    SP_ASSIGN_OR_RETURN(int64_t inserted, tx.execute(kInsertSeen, {event_id, now_ms}));
    if (inserted == 0) return ok_status();
    const std::string viewer = "u:" + std::to_string(user_id);
    SP_TRY(db::run(tx, "DELETE FROM analytics_view_dedup WHERE viewer = ?", {viewer}));
    SP_TRY(db::run(tx, "DELETE FROM analytics_anomalies WHERE viewer = ?", {viewer}));
    const char* owned = "SELECT post_id FROM analytics_posts WHERE author_id = ?";
    SP_TRY(
        db::run(tx,
                std::string("DELETE FROM analytics_buckets WHERE scope = 'post' AND subject IN (") +
                    owned + ")",
                {user_id}));
    SP_TRY(
        db::run(tx,
                std::string("DELETE FROM analytics_totals WHERE scope = 'post' AND subject IN (") +
                    owned + ")",
                {user_id}));
    SP_TRY(db::run(tx,
                   std::string("DELETE FROM analytics_post_tags WHERE post_id IN (") + owned + ")",
                   {user_id}));
    SP_TRY(db::run(
        tx, std::string("DELETE FROM analytics_views_dirty WHERE post_id IN (") + owned + ")",
        {user_id}));
    SP_TRY(db::run(tx, "DELETE FROM analytics_posts WHERE author_id = ?", {user_id}));
    SP_TRY(db::run(tx, "DELETE FROM analytics_buckets WHERE scope = 'creator' AND subject = ?",
                   {user_id}));
    SP_TRY(db::run(tx, "DELETE FROM analytics_totals WHERE scope = 'creator' AND subject = ?",
                   {user_id}));
    return ok_status();
  });
}

Result<Counts> AnalyticsStore::total(Scope scope, int64_t subject) {
  SP_ASSIGN_OR_RETURN(db::Rows rows,
                      db_.query("SELECT views, likes, comments FROM analytics_totals "
                                "WHERE scope = ? AND subject = ?",
                                {to_string(scope), subject}));
  return rows.empty() ? Counts{} : counts_at(rows[0], 0);
}

Result<Counts> AnalyticsStore::sum(Scope scope, int64_t subject, Grain grain, int64_t from_ms,
                                   int64_t to_ms) {
  SP_ASSIGN_OR_RETURN(
      db::Rows rows,
      db_.query("SELECT COALESCE(SUM(views), 0), COALESCE(SUM(likes), 0), "
                "COALESCE(SUM(comments), 0) FROM analytics_buckets WHERE scope = ? AND "
                "subject = ? AND grain = ? AND start_ms >= ? AND start_ms < ?",
                {to_string(scope), subject, grain_text(grain), from_ms, to_ms}));
  return rows.empty() ? Counts{} : counts_at(rows[0], 0);
}

Result<std::vector<SeriesPoint>> AnalyticsStore::series(Scope scope, int64_t subject, Grain grain,
                                                        int64_t from_ms, int64_t to_ms) {
  return db::query_all(db_,
                       "SELECT start_ms, views, likes, comments FROM analytics_buckets WHERE "
                       "scope = ? AND subject = ? AND grain = ? AND start_ms >= ? AND "
                       "start_ms < ? ORDER BY start_ms",
                       {to_string(scope), subject, grain_text(grain), from_ms, to_ms},
                       [](const db::Row& r) {
                         return SeriesPoint{r.get_int(0), counts_at(r, 1)};
                       });
}

Result<std::vector<TopPost>> AnalyticsStore::top_posts(int64_t creator, Grain grain,
                                                       int64_t from_ms, int64_t to_ms,
                                                       std::size_t limit) {
  return db::query_all(
      db_,
      "SELECT p.post_id, p.title, SUM(b.views) AS v, SUM(b.likes), SUM(b.comments) "
      "FROM analytics_buckets b JOIN analytics_posts p ON p.post_id = b.subject "
      "WHERE b.scope = 'post' AND b.grain = ? AND p.author_id = ? AND b.start_ms >= ? AND "
      "b.start_ms < ? GROUP BY p.post_id, p.title ORDER BY v DESC, p.post_id DESC LIMIT ?",
      {grain_text(grain), creator, from_ms, to_ms, static_cast<int64_t>(limit)},
      [](const db::Row& r) {
        return TopPost{r.get_int(0), r.get_text(1), counts_at(r, 2)};
      });
}

Result<std::vector<HourBucket>> AnalyticsStore::post_hours_since(int64_t since_ms) {
  return db::query_all(db_,
                       "SELECT subject, start_ms, views, likes, comments FROM analytics_buckets "
                       "WHERE grain = 'h' AND scope = 'post' AND start_ms >= ?",
                       {since_ms}, [](const db::Row& r) {
                         return HourBucket{r.get_int(0), r.get_int(1), counts_at(r, 2)};
                       });
}

Result<std::map<int64_t, PostFacts>> AnalyticsStore::facts_since(int64_t since_ms) {
  SP_ASSIGN_OR_RETURN(
      db::Rows rows,
      db_.query("SELECT p.post_id, p.model, t.tag FROM analytics_posts p LEFT JOIN "
                "analytics_post_tags t ON t.post_id = p.post_id WHERE p.post_id IN (SELECT "
                "subject FROM analytics_buckets WHERE grain = 'h' AND scope = 'post' AND "
                "start_ms >= ?)",
                {since_ms}));
  std::map<int64_t, PostFacts> out;
  for (const db::Row& r : rows) {
    PostFacts& f = out[r.get_int(0)];
    f.model = r.opt_text(1);
    if (!r.is_null(2)) f.tags.push_back(r.get_text(2));
  }
  return out;
}

Result<std::vector<StoredAnomaly>> AnalyticsStore::anomalies(std::optional<int64_t> before_id,
                                                             std::size_t limit) {
  return db::query_all(
      db_,
      "SELECT id, kind, post_id, address, viewer, score, retracted, evidence, flagged_at FROM "
      "analytics_anomalies WHERE id < ? ORDER BY id DESC LIMIT ?",
      {before_id.value_or(std::numeric_limits<int64_t>::max()), static_cast<int64_t>(limit)},
      [](const db::Row& r) {
        return StoredAnomaly{r.get_int(0),  r.get_text(1), r.opt_int(2),
                             r.get_text(3), r.get_text(4), r.get_double(5),
                             r.get_int(6),  r.get_text(7), r.get_int(8)};
      });
}

Result<int> AnalyticsStore::publish_dirty(
    std::size_t limit,
    const std::function<events::Envelope(int64_t post, int64_t views, int64_t at_ms)>& make) {
  int published = 0;
  // Idle most of the time: look on a reader before taking the write lock.
  SP_ASSIGN_OR_RETURN(db::Rows any, db_.query("SELECT 1 FROM analytics_views_dirty LIMIT 1"));
  if (any.empty()) return 0;
  SP_TRY(db_.transact([&](db::Session& tx) -> Status {
    SP_ASSIGN_OR_RETURN(
        db::Rows rows,
        tx.query("SELECT d.post_id, d.last_view_at, COALESCE(t.views, 0) FROM "
                 "analytics_views_dirty d LEFT JOIN analytics_totals t ON t.scope = 'post' AND "
                 "t.subject = d.post_id ORDER BY d.post_id LIMIT ?",
                 {static_cast<int64_t>(limit)}));
    for (const db::Row& r : rows) {
      SP_TRY(events::Outbox::enqueue(
          tx, make(r.get_int(0), std::max<int64_t>(0, r.get_int(2)), r.get_int(1))));
      SP_TRY(db::run(tx, "DELETE FROM analytics_views_dirty WHERE post_id = ? AND last_view_at = ?",
                     {r.get_int(0), r.get_int(1)}));
      ++published;
    }
    return ok_status();
  }));
  return published;
}

Status AnalyticsStore::prune(int64_t now_ms) {
  SP_TRY(db::run(db_, "DELETE FROM analytics_buckets WHERE grain = 'm' AND start_ms < ?",
                 {now_ms - 2 * kHourMs}));
  SP_TRY(db::run(db_, "DELETE FROM analytics_buckets WHERE grain = 'h' AND start_ms < ?",
                 {now_ms - 90 * kDayMs}));
  SP_TRY(db::run(db_, "DELETE FROM analytics_view_dedup WHERE counted_at < ?",
                 {now_ms - 30 * kMinuteMs}));
  SP_TRY(
      db::run(db_, "DELETE FROM analytics_seen_events WHERE seen_at < ?", {now_ms - 7 * kDayMs}));
  return ok_status();
}

}  // namespace sp::analytics
