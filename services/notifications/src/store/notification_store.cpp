#include "store/notification_store.hpp"

#include <boost/json.hpp>

#include "logic/rules.hpp"
#include "notifications_migrations.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/db/migrations.hpp"
#include "strangeprompt/db/statements.hpp"

namespace sp::notifications {
namespace {

namespace json = boost::json;

constexpr const char* kColumns =
    "id, user_id, kind, subject_type, subject_id, subject_title, actor_ids, actor_count, "
    "group_key, is_read, created_at";
constexpr std::size_t kInsertBatch = 500;

std::string ids_json(const std::vector<int64_t>& ids) {
  JsonWriter w;
  w.begin_array();
  for (int64_t id : ids) w.integer(id);
  w.end_array();
  return std::move(w).take();
}

std::vector<int64_t> ids_from(const std::string& text) {
  std::vector<int64_t> out;
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.get_array()) {
    if (item.is_int64()) out.push_back(item.get_int64());
  }
  return out;
}

Notification notification_from(const db::Row& row) {
  return Notification{
      .id = row.get_int(0),
      .user_id = row.get_int(1),
      .kind = row.get_text(2),
      .subject_type = row.get_text(3),
      .subject_id = row.get_int(4),
      .subject_title = row.get_text(5),
      .actor_ids = ids_from(row.get_text(6)),
      .actor_count = row.get_int(7),
      .group_key = row.is_null(8) ? std::nullopt : std::optional<std::string>(row.get_text(8)),
      .read = row.get_int(9) != 0,
      .created_at_ms = row.get_int(10)};
}

Actor actor_from(const db::Row& row) {
  return Actor{
      .id = row.get_int(0),
      .handle = row.get_text(1),
      .display_name = row.get_text(2),
      .avatar = row.is_null(3) ? std::nullopt : std::optional<std::string>(row.get_text(3))};
}

void append_values(db::Params& params, const Notification& n) {
  params.insert(params.end(),
                {n.id, n.user_id, n.kind, n.subject_type, n.subject_id, n.subject_title,
                 ids_json(n.actor_ids), n.actor_count, db::Value(n.group_key),
                 static_cast<int64_t>(n.read ? 1 : 0), n.created_at_ms});
}

std::string insert_sql(std::size_t rows) {
  std::string sql = std::string("INSERT INTO notifications (") + kColumns + ") VALUES ";
  for (std::size_t i = 0; i < rows; ++i) {
    if (i > 0) sql += ", ";
    sql += "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }
  return sql;
}

}  // namespace

Result<int> migrate_notification_store(db::Database& db) {
  return db::migrate(db, "notifications", notifications_migrations());
}

Result<std::vector<Notification>> NotificationReads::page(int64_t user_id,
                                                          std::optional<int64_t> before,
                                                          bool unread_only, std::size_t limit) {
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM notifications WHERE user_id = ? AND id < ?" +
                    (unread_only ? " AND is_read = 0" : "") + " ORDER BY id DESC LIMIT ?";
  return db::query_all(x_, sql, {user_id, before.value_or(INT64_MAX), static_cast<int64_t>(limit)},
                       notification_from);
}

Result<std::vector<Notification>> NotificationReads::since(int64_t user_id, int64_t after,
                                                           std::size_t limit) {
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM notifications WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?";
  return db::query_all(x_, sql, {user_id, after, static_cast<int64_t>(limit)}, notification_from);
}

Result<int64_t> NotificationReads::unread_count(int64_t user_id) {
  SP_ASSIGN_OR_RETURN(
      db::Rows rows,
      x_.query("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND is_read = 0", {user_id}));
  return rows.empty() ? 0 : rows[0].get_int(0);
}

Result<int64_t> NotificationReads::newest_id(int64_t user_id) {
  SP_ASSIGN_OR_RETURN(db::Rows rows,
                      x_.query("SELECT MAX(id) FROM notifications WHERE user_id = ?", {user_id}));
  return rows.empty() || rows[0].is_null(0) ? 0 : rows[0].get_int(0);
}

Result<std::optional<Actor>> NotificationReads::actor(int64_t user_id) {
  return db::query_one(x_,
                       "SELECT user_id, handle, display_name, avatar FROM users WHERE user_id = ?",
                       {user_id}, actor_from);
}

Result<std::vector<Actor>> NotificationReads::actors(const std::vector<int64_t>& ids) {
  std::vector<Actor> out;
  for (int64_t id : ids) {
    SP_ASSIGN_OR_RETURN(std::optional<Actor> a, actor(id));
    if (a) out.push_back(std::move(*a));
  }
  return out;
}

Result<Preferences> NotificationReads::preferences(int64_t user_id) {
  SP_ASSIGN_OR_RETURN(
      db::Rows rows,
      x_.query("SELECT channels, digest, timezone, digest_since FROM preferences WHERE user_id = ?",
               {user_id}));
  if (rows.empty()) return Preferences{};
  Preferences p =
      preferences_from_row(rows[0].get_text(0), rows[0].get_text(1), rows[0].get_text(2));
  p.digest_since_ms = rows[0].get_int(3);
  return p;
}

Result<bool> NotificationReads::is_deleted(int64_t user_id) {
  SP_ASSIGN_OR_RETURN(db::Rows rows,
                      x_.query("SELECT 1 FROM deleted_users WHERE user_id = ?", {user_id}));
  return !rows.empty();
}

Result<std::optional<PostFacts>> NotificationReads::post(int64_t post_id) {
  return db::query_one(
      x_, "SELECT post_id, author_id, title, like_count, milestone FROM posts WHERE post_id = ?",
      {post_id}, [](const db::Row& r) {
        return PostFacts{.post_id = r.get_int(0),
                         .author_id = r.get_int(1),
                         .title = r.get_text(2),
                         .like_count = r.get_int(3),
                         .milestone = r.get_int(4)};
      });
}

Result<std::vector<int64_t>> NotificationReads::followers_notified(int64_t user_id,
                                                                   std::string_view kind) {
  SP_ASSIGN_OR_RETURN(db::Rows rows,
                      x_.query("SELECT f.follower_id, p.channels, p.digest, p.timezone FROM "
                               "follows f LEFT JOIN preferences p ON p.user_id = f.follower_id "
                               "WHERE f.followee_id = ? ORDER BY f.follower_id",
                               {user_id}));
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    if (!row.is_null(1)) {
      Preferences p = preferences_from_row(row.get_text(1), row.get_text(2), row.get_text(3));
      if (!in_app_allowed(p, kind)) continue;
    }
    out.push_back(row.get_int(0));
  }
  return out;
}

Result<std::string> NotificationReads::email_of(int64_t user_id) {
  SP_ASSIGN_OR_RETURN(db::Rows rows,
                      x_.query("SELECT email FROM users WHERE user_id = ?", {user_id}));
  return rows.empty() ? std::string() : rows[0].get_text(0);
}

Result<bool> NotificationReads::opted_out(int64_t user_id, std::string_view category) {
  SP_ASSIGN_OR_RETURN(db::Rows rows,
                      x_.query("SELECT 1 FROM email_optouts WHERE user_id = ? AND category = ?",
                               {user_id, category}));
  return !rows.empty();
}

Result<std::vector<OutboxMail>> NotificationReads::due_mails(int64_t now_ms, std::size_t limit) {
  return db::query_all(
      x_,
      "SELECT id, dedupe_key, user_id, from_address, to_address, message, attempts, created_at "
      "FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
      {now_ms, static_cast<int64_t>(limit)}, [](const db::Row& r) {
        return OutboxMail{.id = r.get_int(0),
                          .dedupe_key = r.get_text(1),
                          .user_id = r.get_int(2),
                          .from_address = r.get_text(3),
                          .to_address = r.get_text(4),
                          .message = r.get_text(5),
                          .attempts = r.get_int(6),
                          .created_at_ms = r.get_int(7)};
      });
}

Result<int64_t> NotificationReads::mails_with_status(std::string_view status) {
  SP_ASSIGN_OR_RETURN(db::Rows rows,
                      x_.query("SELECT COUNT(*) FROM mail_outbox WHERE status = ?", {status}));
  return rows.empty() ? 0 : rows[0].get_int(0);
}

Result<bool> NotificationWrites::enqueue_mail(const OutboxMail& m, int64_t now_ms) {
  return db::changed_one(
      x_,
      "INSERT INTO mail_outbox (id, dedupe_key, user_id, from_address, to_address, message, "
      "status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, "
      "?) "
      "ON CONFLICT DO NOTHING",
      {m.id, m.dedupe_key, m.user_id, m.from_address, m.to_address, m.message, now_ms, now_ms});
}

Result<bool> NotificationWrites::claim_mail(int64_t id, int64_t now_ms, int64_t lease_ms) {
  return db::changed_one(x_,
                         "UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ? AND "
                         "status = 'pending' AND next_attempt_at <= ?",
                         {now_ms + lease_ms, id, now_ms});
}

Status NotificationWrites::mail_sent(int64_t id, int64_t now_ms) {
  return db::run(x_,
                 "UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ? "
                 "WHERE id = ?",
                 {now_ms, id});
}

Status NotificationWrites::mail_retry(int64_t id, int64_t attempts, int64_t next_attempt_ms,
                                      std::string_view error) {
  return db::run(x_,
                 "UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? "
                 "WHERE id = ?",
                 {attempts, next_attempt_ms, error, id});
}

Status NotificationWrites::mail_failed(int64_t id, int64_t attempts, std::string_view error) {
  return db::run(
      x_, "UPDATE mail_outbox SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?",
      {attempts, error, id});
}

Status NotificationWrites::opt_out(int64_t user_id, std::string_view category) {
  return db::run(
      x_, "INSERT INTO email_optouts (user_id, category) VALUES (?, ?) ON CONFLICT DO NOTHING",
      {user_id, category});
}

Status NotificationWrites::set_views(int64_t post_id, int64_t views) {
  return db::run(x_,
                 "UPDATE posts SET views = CASE WHEN views < ? THEN ? ELSE views END "
                 "WHERE post_id = ?",
                 {views, views, post_id});
}

Result<bool> NotificationWrites::insert_digest(int64_t user_id, std::string_view period,
                                               int64_t views_total, int64_t now_ms) {
  return db::changed_one(x_,
                         "INSERT INTO digests (user_id, period, views_total, made_at) VALUES "
                         "(?, ?, ?, ?) ON CONFLICT DO NOTHING",
                         {user_id, period, views_total, now_ms});
}

Result<std::vector<DigestSubscriber>> NotificationReads::digest_subscribers() {
  return db::query_all(
      x_,
      "SELECT user_id, digest, timezone, digest_since FROM preferences WHERE digest <> 'off' "
      "ORDER BY user_id",
      {}, [](const db::Row& r) {
        return DigestSubscriber{.user_id = r.get_int(0),
                                .digest = r.get_text(1),
                                .timezone = r.get_text(2),
                                .since_ms = r.get_int(3)};
      });
}

Result<DigestStats> NotificationReads::digest_stats(int64_t user_id, int64_t start_ms,
                                                    int64_t end_ms) {
  DigestStats out;
  auto count = [&](const char* sql, const db::Params& params) -> Result<int64_t> {
    SP_ASSIGN_OR_RETURN(db::Rows rows, x_.query(sql, params));
    return rows.empty() || rows[0].is_null(0) ? 0 : rows[0].get_int(0);
  };
  SP_ASSIGN_OR_RETURN(
      out.new_followers,
      count("SELECT COUNT(*) FROM follows WHERE followee_id = ? AND created_at >= ? "
            "AND created_at < ?",
            {user_id, start_ms, end_ms}));
  SP_ASSIGN_OR_RETURN(out.likes, count("SELECT COUNT(*) FROM post_likers l JOIN posts p ON "
                                       "p.post_id = l.post_id WHERE p.author_id = ? AND "
                                       "l.liked_at >= ? AND l.liked_at < ?",
                                       {user_id, start_ms, end_ms}));
  SP_ASSIGN_OR_RETURN(out.views_total,
                      count("SELECT SUM(views) FROM posts WHERE author_id = ?", {user_id}));
  SP_ASSIGN_OR_RETURN(db::Rows last,
                      x_.query("SELECT views_total FROM digests WHERE user_id = ? ORDER BY "
                               "made_at DESC LIMIT 1",
                               {user_id}));
  out.views_in_period = out.views_total - (last.empty() ? 0 : last[0].get_int(0));
  SP_ASSIGN_OR_RETURN(
      out.top_new_posts,
      db::query_all(x_,
                    "SELECT p.post_id, p.title, p.like_count FROM posts p JOIN follows f ON "
                    "f.followee_id = p.author_id WHERE f.follower_id = ? AND p.published_at >= ? "
                    "AND p.published_at < ? ORDER BY p.like_count DESC, p.post_id DESC LIMIT 5",
                    {user_id, start_ms, end_ms}, [](const db::Row& r) {
                      return DigestPost{
                          .post_id = r.get_int(0), .title = r.get_text(1), .likes = r.get_int(2)};
                    }));
  return out;
}

Result<bool> NotificationWrites::first_sight(std::string_view event_id, int64_t now_ms) {
  return db::changed_one(
      x_, "INSERT INTO seen_events (event_id, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
      {event_id, now_ms});
}

Status NotificationWrites::upsert_user(const Actor& a, std::optional<std::string_view> email) {
  SP_TRY(db::run(
      x_,
      "INSERT INTO users (user_id, handle, display_name, avatar, email) VALUES "
      "(?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET handle = excluded.handle, "
      "display_name = excluded.display_name, avatar = excluded.avatar",
      {a.id, a.handle, a.display_name, db::Value(a.avatar), std::string(email.value_or(""))}));
  if (email) {
    SP_TRY(db::run(x_, "UPDATE users SET email = ? WHERE user_id = ?", {*email, a.id}));
  }
  return ok_status();
}

Status NotificationWrites::set_follow(int64_t follower, int64_t followee, bool following,
                                      int64_t now_ms) {
  if (following) {
    return db::run(x_,
                   "INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?) "
                   "ON CONFLICT DO NOTHING",
                   {follower, followee, now_ms});
  }
  return db::run(x_, "DELETE FROM follows WHERE follower_id = ? AND followee_id = ?",
                 {follower, followee});
}

Status NotificationWrites::save_preferences(int64_t user_id, const Preferences& p) {
  return db::run(
      x_,
      "INSERT INTO preferences (user_id, channels, digest, timezone) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (user_id) DO UPDATE SET channels = excluded.channels, "
      "digest = excluded.digest, timezone = excluded.timezone",
      {user_id, channels_json(p), p.digest, p.timezone});
}

Status NotificationWrites::note_post(int64_t post_id, int64_t author_id,
                                     std::optional<std::string_view> title, int64_t now_ms) {
  SP_TRY(db::run(x_,
                 "INSERT INTO posts (post_id, author_id, title) VALUES (?, ?, ?) "
                 "ON CONFLICT DO NOTHING",
                 {post_id, author_id, std::string(title.value_or(""))}));
  if (title) {
    SP_TRY(db::run(x_,
                   "UPDATE posts SET title = ?, published_at = CASE WHEN published_at = 0 THEN ? "
                   "ELSE published_at END WHERE post_id = ?",
                   {*title, now_ms, post_id}));
  }
  return ok_status();
}

Status NotificationWrites::title_notifications(int64_t post_id, std::string_view title) {
  return db::run(x_,
                 "UPDATE notifications SET subject_title = ? WHERE subject_id = ? AND "
                 "subject_type = 'post' AND subject_title = ''",
                 {title, post_id});
}

Result<bool> NotificationWrites::set_like(int64_t post_id, int64_t user_id, bool liked,
                                          int64_t now_ms) {
  if (liked) {
    SP_ASSIGN_OR_RETURN(bool added, db::changed_one(x_,
                                                    "INSERT INTO post_likers (post_id, user_id, "
                                                    "liked_at) VALUES (?, ?, ?) ON CONFLICT DO "
                                                    "NOTHING",
                                                    {post_id, user_id, now_ms}));
    if (added) {
      SP_TRY(
          db::run(x_, "UPDATE posts SET like_count = like_count + 1 WHERE post_id = ?", {post_id}));
    }
    return added;
  }
  SP_ASSIGN_OR_RETURN(
      bool removed, db::changed_one(x_, "DELETE FROM post_likers WHERE post_id = ? AND user_id = ?",
                                    {post_id, user_id}));
  if (removed) {
    SP_TRY(
        db::run(x_, "UPDATE posts SET like_count = like_count - 1 WHERE post_id = ?", {post_id}));
  }
  return removed;
}

Status NotificationWrites::set_milestone(int64_t post_id, int64_t milestone) {
  return db::run(x_, "UPDATE posts SET milestone = ? WHERE post_id = ?", {milestone, post_id});
}

Result<std::optional<Notification>> NotificationWrites::unread_group(int64_t user_id,
                                                                     std::string_view group_key) {
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM notifications WHERE user_id = ? AND group_key = ? AND is_read = 0 "
                    "ORDER BY id DESC LIMIT 1";
  return db::query_one(x_, sql, {user_id, group_key}, notification_from);
}

Status NotificationWrites::insert(const Notification& n) {
  return insert_many({n});
}

Status NotificationWrites::insert_many(const std::vector<Notification>& rows) {
  for (std::size_t start = 0; start < rows.size(); start += kInsertBatch) {
    const std::size_t n = std::min(kInsertBatch, rows.size() - start);
    db::Params params;
    params.reserve(n * 11);
    for (std::size_t i = 0; i < n; ++i) append_values(params, rows[start + i]);
    SP_TRY(db::run(x_, insert_sql(n), params));
  }
  return ok_status();
}

Status NotificationWrites::reissue(int64_t old_id, const Notification& n) {
  return db::run(x_,
                 "UPDATE notifications SET id = ?, actor_ids = ?, actor_count = ?, created_at = ? "
                 "WHERE id = ?",
                 {n.id, ids_json(n.actor_ids), n.actor_count, n.created_at_ms, old_id});
}

Result<int64_t> NotificationWrites::mark_read(int64_t user_id, const std::vector<int64_t>& ids) {
  int64_t changed = 0;
  for (int64_t id : ids) {
    SP_ASSIGN_OR_RETURN(int64_t n, x_.execute("UPDATE notifications SET is_read = 1 WHERE id = ? "
                                              "AND user_id = ? AND is_read = 0",
                                              {id, user_id}));
    changed += n;
  }
  return changed;
}

Result<int64_t> NotificationWrites::mark_all_read(int64_t user_id) {
  return x_.execute("UPDATE notifications SET is_read = 1 WHERE user_id = ? AND is_read = 0",
                    {user_id});
}

Status NotificationWrites::insert_ticket(std::string_view ticket_hash, int64_t user_id,
                                         int64_t expires_at_ms) {
  return db::run(x_,
                 "INSERT INTO stream_tickets (ticket_hash, user_id, expires_at) VALUES (?, ?, ?)",
                 {ticket_hash, user_id, expires_at_ms});
}

Result<std::optional<int64_t>> NotificationWrites::take_ticket(std::string_view ticket_hash,
                                                               int64_t now_ms) {
  SP_ASSIGN_OR_RETURN(
      db::Rows rows,
      x_.query("SELECT user_id, expires_at FROM stream_tickets WHERE ticket_hash = ?",
               {ticket_hash}));
  SP_TRY(db::run(x_, "DELETE FROM stream_tickets WHERE ticket_hash = ? OR expires_at < ?",
                 {ticket_hash, now_ms}));
  if (rows.empty() || rows[0].get_int(1) < now_ms) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].get_int(0));
}

Status NotificationWrites::remove_user(int64_t user_id) {
  SP_TRY(db::run(x_, "DELETE FROM notifications WHERE user_id = ?", {user_id}));
  SP_TRY(db::run(x_, "DELETE FROM follows WHERE follower_id = ? OR followee_id = ?",
                 {user_id, user_id}));
  SP_TRY(db::run(x_, "DELETE FROM preferences WHERE user_id = ?", {user_id}));
  SP_TRY(db::run(x_, "DELETE FROM post_likers WHERE user_id = ?", {user_id}));
  SP_TRY(db::run(x_, "DELETE FROM stream_tickets WHERE user_id = ?", {user_id}));
  SP_TRY(db::run(x_, "DELETE FROM posts WHERE author_id = ?", {user_id}));
  SP_TRY(db::run(x_, "DELETE FROM users WHERE user_id = ?", {user_id}));
  SP_TRY(db::run(x_, "DELETE FROM mail_outbox WHERE user_id = ?", {user_id}));
  SP_TRY(db::run(x_, "DELETE FROM email_optouts WHERE user_id = ?", {user_id}));
  SP_TRY(db::run(x_, "DELETE FROM digests WHERE user_id = ?", {user_id}));
  return db::run(x_, "INSERT INTO deleted_users (user_id) VALUES (?) ON CONFLICT DO NOTHING",
                 {user_id});
}

Status NotificationStore::transact(const std::function<Status(NotificationWrites&)>& body) {
  return db_.transact([&](db::Session& session) -> Status {
    NotificationWrites writes(session);
    return body(writes);
  });
}

}  // namespace sp::notifications
