#pragma once
// The notifications service's SQL store over db::Database (SQLite or PostgreSQL). NotificationReads
// runs on any Executor; NotificationWrites exists only inside NotificationStore::transact.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/records.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/database.hpp"

namespace sp::notifications {

Result<int> migrate_notification_store(db::Database& db);

class NotificationReads {
 public:
  explicit NotificationReads(db::Executor& executor) : x_(executor) {}

  // Newest first: up to `limit` of the user's notifications with id < before (none: from the
  // newest), only unread ones when asked.
  Result<std::vector<Notification>> page(int64_t user_id, std::optional<int64_t> before,
                                         bool unread_only, std::size_t limit);
  // Oldest first: the user's notifications with id > after (what a live stream sends next).
  Result<std::vector<Notification>> since(int64_t user_id, int64_t after, std::size_t limit);
  Result<int64_t> unread_count(int64_t user_id);
  Result<int64_t> newest_id(int64_t user_id);  // 0 when none
  Result<std::optional<Actor>> actor(int64_t user_id);
  Result<std::vector<Actor>> actors(const std::vector<int64_t>& ids);  // known ones, in order
  Result<Preferences> preferences(int64_t user_id);
  Result<bool> is_deleted(int64_t user_id);
  Result<std::optional<PostFacts>> post(int64_t post_id);
  // The followers of `user_id` with the in-app channel of `kind` on.
  Result<std::vector<int64_t>> followers_notified(int64_t user_id, std::string_view kind);
  Result<std::vector<DigestSubscriber>> digest_subscribers();
  // The figures of a digest over [start_ms, end_ms).
  Result<DigestStats> digest_stats(int64_t user_id, int64_t start_ms, int64_t end_ms);
  // Our copy of the user's address ("" when unknown).
  Result<std::string> email_of(int64_t user_id);
  Result<bool> opted_out(int64_t user_id, std::string_view category);
  // Pending mails due at `now_ms`, oldest first.
  Result<std::vector<OutboxMail>> due_mails(int64_t now_ms, std::size_t limit);
  // Rows per status ("pending", "sent", "failed").
  Result<int64_t> mails_with_status(std::string_view status);

 protected:
  db::Executor& x_;
};

class NotificationWrites : public NotificationReads {
 public:
  explicit NotificationWrites(db::Session& session) : NotificationReads(session) {}

  // False when the event was handled before.
  Result<bool> first_sight(std::string_view event_id, int64_t now_ms);
  Status upsert_user(const Actor& actor, std::optional<std::string_view> email);
  Status set_follow(int64_t follower, int64_t followee, bool following, int64_t now_ms);
  Status save_preferences(int64_t user_id, const Preferences& p);  // with p.digest_since_ms
  // analytics.post_views: keeps the larger running total.
  Status set_views(int64_t post_id, int64_t views);
  // False when the user's digest of `period` was made before.
  Result<bool> insert_digest(int64_t user_id, std::string_view period, int64_t views_total,
                             int64_t now_ms);
  // Creates the post row when unknown; a known title is updated when `title` is given.
  Status note_post(int64_t post_id, int64_t author_id, std::optional<std::string_view> title,
                   int64_t now_ms);
  // True when the like changed the liker set (and so the tally, by +-1).
  // Fills in the title of the post's notifications written before the post was known.
  Status title_notifications(int64_t post_id, std::string_view title);
  Result<bool> set_like(int64_t post_id, int64_t user_id, bool liked, int64_t now_ms);
  Status set_milestone(int64_t post_id, int64_t milestone);
  Result<std::optional<Notification>> unread_group(int64_t user_id, std::string_view group_key);
  Status insert(const Notification& n);
  // Inserts many (one multi-row statement per batch).
  Status insert_many(const std::vector<Notification>& rows);
  // Moves an aggregated notification to `n.id` with its new actors, count and time.
  Status reissue(int64_t old_id, const Notification& n);
  // Number of notifications marked read.
  Result<int64_t> mark_read(int64_t user_id, const std::vector<int64_t>& ids);
  Result<int64_t> mark_all_read(int64_t user_id);
  // False when a mail with the same dedupe key was queued before.
  Result<bool> enqueue_mail(const OutboxMail& mail, int64_t now_ms);
  // Takes a due pending mail for `lease_ms` (another sender skips it meanwhile); false when
  // someone else has it or it is no longer due.
  Result<bool> claim_mail(int64_t id, int64_t now_ms, int64_t lease_ms);
  Status mail_sent(int64_t id, int64_t now_ms);
  Status mail_retry(int64_t id, int64_t attempts, int64_t next_attempt_ms, std::string_view error);
  Status mail_failed(int64_t id, int64_t attempts, std::string_view error);
  Status opt_out(int64_t user_id, std::string_view category);
  Status insert_ticket(std::string_view ticket_hash, int64_t user_id, int64_t expires_at_ms);
  // The ticket's user when it exists and has not expired; the ticket is gone afterwards either way.
  Result<std::optional<int64_t>> take_ticket(std::string_view ticket_hash, int64_t now_ms);
  // Removes the user's notifications, copies (user, follows, preferences, likes, tickets) and
  // remembers the user as deleted.
  Status remove_user(int64_t user_id);
};

class NotificationStore {
 public:
  explicit NotificationStore(db::Database& db) : db_(db) {}
  NotificationReads reads() { return NotificationReads(db_); }
  Status transact(const std::function<Status(NotificationWrites&)>& body);
  db::Database& database() { return db_; }

 private:
  db::Database& db_;
};

}  // namespace sp::notifications
