#include "store/job_queue.hpp"

#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/statements.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace sp::media {
namespace sql {

constexpr const char* kDueJob =
    "SELECT media_id FROM media_jobs WHERE run_after <= ? AND "
    "(lease_until IS NULL OR lease_until <= ?) ORDER BY run_after, media_id LIMIT 1";
constexpr const char* kLease =
    "UPDATE media_jobs SET lease_until = ?, attempts = attempts + 1 WHERE media_id = ? AND "
    "run_after <= ? AND (lease_until IS NULL OR lease_until <= ?)";
constexpr const char* kAttempts = "SELECT attempts FROM media_jobs WHERE media_id = ?";
constexpr const char* kMarkProcessing =
    "UPDATE media SET status = 'processing', updated_at = ? WHERE id = ?";
constexpr const char* kDeleteJob = "DELETE FROM media_jobs WHERE media_id = ?";
constexpr const char* kMarkReady =
    "UPDATE media SET status = 'ready', reason = NULL, width = ?, height = ?, variants_json = ?, "
    "blurhash = ?, dominant_color = ?, phash = ?, moderation_outcome = ?, moderation_reason = ?, "
    "updated_at = ? WHERE id = ?";
constexpr const char* kMarkUnprocessed =
    "UPDATE media SET status = ?, reason = ?, updated_at = ? WHERE id = ?";
constexpr const char* kRetry =
    "UPDATE media_jobs SET lease_until = NULL, run_after = ?, last_error = ? WHERE media_id = ?";
constexpr const char* kDepth = "SELECT COUNT(*) FROM media_jobs";

}  // namespace sql

Result<std::optional<ClaimedJob>> JobQueue::claim(int64_t now, int64_t lease_until) {
  std::optional<ClaimedJob> claimed;
  SP_TRY(db_.transact([&](db::Session& s) -> Status {
    SP_ASSIGN_OR_RETURN(auto id, db::query_one(s, sql::kDueJob, {now, now},
                                               [](const db::Row& r) { return r.get_int(0); }));
    if (!id) return ok_status();
    SP_ASSIGN_OR_RETURN(bool leased, db::changed_one(s, sql::kLease, {lease_until, *id, now, now}));
    if (!leased) return ok_status();  // another worker took it first
    SP_ASSIGN_OR_RETURN(auto attempts,
                        db::query_one(s, sql::kAttempts, {*id}, [](const db::Row& r) {
                          return static_cast<int>(r.get_int(0));
                        }));
    SP_TRY(db::run(s, sql::kMarkProcessing, {now, *id}));
    claimed = ClaimedJob{*id, attempts.value_or(1)};
    return ok_status();
  }));
  return claimed;
}

Status JobQueue::complete(int64_t media_id, const ProcessedRecord& r, int64_t now,
                          const events::Envelope& event) {
  return db_.transact([&](db::Session& s) -> Status {
    SP_TRY(db::run(s, sql::kMarkReady,
                   {r.width, r.height, r.variants_json, r.blurhash, r.dominant_color, r.phash,
                    r.moderation_outcome, r.moderation_reason, now, media_id}));
    SP_TRY(events::Outbox::enqueue(s, event));
    return db::run(s, sql::kDeleteJob, {media_id});
  });
}

Status JobQueue::finish_unprocessed(int64_t media_id, std::string_view status,
                                    std::string_view reason, int64_t now,
                                    const std::optional<events::Envelope>& event) {
  return db_.transact([&](db::Session& s) -> Status {
    SP_TRY(db::run(s, sql::kMarkUnprocessed, {status, reason, now, media_id}));
    if (event) SP_TRY(events::Outbox::enqueue(s, *event));
    return db::run(s, sql::kDeleteJob, {media_id});
  });
}

Status JobQueue::retry_later(int64_t media_id, int64_t run_after, std::string_view error) {
  return db::run(db_, sql::kRetry, {run_after, error, media_id});
}

Result<int64_t> JobQueue::depth() {
  SP_ASSIGN_OR_RETURN(
      auto n, db::query_one(db_, sql::kDepth, {}, [](const db::Row& r) { return r.get_int(0); }));
  return n.value_or(0);
}

}  // namespace sp::media
