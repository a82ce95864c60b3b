#include "store/media_store.hpp"

#include "media_migrations.hpp"

#include <algorithm>

#include "logic/image_hashes.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/migrations.hpp"
#include "strangeprompt/db/statements.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace sp::media {
namespace sql {

constexpr const char* kColumns =
    "id, owner_id, sha256, format, size_bytes, blob_key, status, reason, metadata_json, "
    "provenance_json, created_at, updated_at, width, height, variants_json, blurhash, "
    "dominant_color, "
    "phash, moderation_outcome, moderation_reason";
constexpr const char* kOwnedBy = "SELECT id, blob_key FROM media WHERE owner_id = ? ORDER BY id";
constexpr const char* kDeleteJob = "DELETE FROM media_jobs WHERE media_id = ?";
constexpr const char* kDeleteMedia = "DELETE FROM media WHERE id = ?";
constexpr const char* kHashes = "SELECT id, phash FROM media WHERE phash IS NOT NULL AND id <> ?";

constexpr const char* kInsertMedia =
    "INSERT INTO media (id, owner_id, sha256, format, size_bytes, blob_key, status, reason, "
    "metadata_json, provenance_json, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kInsertJob =
    "INSERT INTO media_jobs (media_id, attempts, run_after, lease_until, last_error) "
    "VALUES (?, 0, ?, NULL, NULL)";

}  // namespace sql

namespace {

MediaRecord record_from_row(const db::Row& row) {
  MediaRecord m;
  m.id = row.get_int(0);
  m.owner_id = row.get_int(1);
  m.sha256 = row.get_text(2);
  m.format = row.get_text(3);
  m.size_bytes = row.get_int(4);
  m.blob_key = row.get_text(5);
  m.status = row.get_text(6);
  m.reason = row.opt_text(7);
  m.metadata_json = row.get_text(8);
  m.provenance_json = row.opt_text(9);
  m.created_at = row.get_int(10);
  m.updated_at = row.get_int(11);
  m.width = row.opt_int(12);
  m.height = row.opt_int(13);
  m.variants_json = row.opt_text(14);
  m.blurhash = row.opt_text(15);
  m.dominant_color = row.opt_text(16);
  m.phash = row.opt_int(17);
  m.moderation_outcome = row.opt_text(18);
  m.moderation_reason = row.opt_text(19);
  return m;
}

std::string select_where(const char* condition) {
  return std::string("SELECT ") + sql::kColumns + " FROM media WHERE " + condition;
}

}  // namespace

Result<int> migrate_media_store(db::Database& db) {
  SP_ASSIGN_OR_RETURN(int applied, db::migrate(db, "media", media_migrations()));
  SP_TRY(events::Outbox::ensure_schema(db));
  return applied;
}

Status MediaStore::insert_with_job(const MediaRecord& r) {
  return db_.transact([&](db::Session& session) -> Status {
    SP_TRY(db::run(session, sql::kInsertMedia,
                   {r.id, r.owner_id, r.sha256, r.format, r.size_bytes, r.blob_key, r.status,
                    r.reason, r.metadata_json, r.provenance_json, r.created_at, r.updated_at}));
    return db::run(session, sql::kInsertJob, {r.id, r.created_at});
  });
}

Result<std::optional<MediaRecord>> MediaStore::find(int64_t id) {
  static const std::string kSql = select_where("id = ?");
  return db::query_one(db_, kSql, {id}, record_from_row);
}

Result<std::optional<MediaRecord>> MediaStore::find_by_owner_sha(int64_t owner_id,
                                                                 const std::string& sha) {
  static const std::string kSql = select_where("owner_id = ? AND sha256 = ?");
  return db::query_one(db_, kSql, {owner_id, sha}, record_from_row);
}

Result<std::vector<std::pair<int64_t, std::string>>> MediaStore::owned_by(int64_t owner_id) {
  return db::query_all(db_, sql::kOwnedBy, {owner_id}, [](const db::Row& r) {
    return std::pair<int64_t, std::string>(r.get_int(0), r.get_text(1));
  });
}

Result<std::vector<MediaRecord>> MediaStore::awaiting_review(int64_t after_id, std::size_t limit) {
  static const std::string kSql =
      select_where("moderation_outcome = 'needs_review' AND id > ? ORDER BY id LIMIT ?");
  return db::query_all(db_, kSql, {after_id, static_cast<int64_t>(limit)}, record_from_row);
}

Result<bool> MediaStore::set_moderation(int64_t id, std::string_view outcome,
                                        const std::optional<std::string>& reason, int64_t now,
                                        const ReviewEvent& event_for) {
  static const std::string kFind = select_where("id = ?");
  bool changed = false;
  SP_TRY(db_.transact([&](db::Session& s) -> Status {
    SP_ASSIGN_OR_RETURN(changed,
                        db::changed_one(s,
                                        "UPDATE media SET moderation_outcome = ?, "
                                        "moderation_reason = ?, updated_at = ? WHERE id = ? AND "
                                        "moderation_outcome IS NOT NULL",
                                        {outcome, reason, now, id}));
    if (!changed || !event_for) return ok_status();
    SP_ASSIGN_OR_RETURN(auto media, db::query_one(s, kFind, {id}, record_from_row));
    if (!media) return ok_status();
    std::optional<events::Envelope> event = event_for(*media);
    if (event) SP_TRY(events::Outbox::enqueue(s, *event));
    return ok_status();
  }));
  return changed;
}

Status MediaStore::set_extracted(int64_t id, const std::string& metadata_json,
                                 const std::optional<std::string>& provenance_json) {
  return db::run(db_, "UPDATE media SET metadata_json = ?, provenance_json = ? WHERE id = ?",
                 {metadata_json, provenance_json, id});
}

Status MediaStore::remove(int64_t id) {
  return db_.transact([&](db::Session& s) -> Status {
    SP_TRY(db::run(s, sql::kDeleteJob, {id}));
    return db::run(s, sql::kDeleteMedia, {id});
  });
}

Result<std::vector<NearDuplicate>> MediaStore::near_duplicates(int64_t id, int64_t phash,
                                                               int max_distance) {
  SP_ASSIGN_OR_RETURN(auto hashes, db::query_all(db_, sql::kHashes, {id}, [](const db::Row& r) {
                        return std::pair<int64_t, int64_t>(r.get_int(0), r.get_int(1));
                      }));
  std::vector<NearDuplicate> out;
  for (const auto& [other, hash] : hashes) {
    int d = hamming_distance(static_cast<uint64_t>(hash), static_cast<uint64_t>(phash));
    if (d <= max_distance) out.push_back({other, d});
  }
  std::sort(out.begin(), out.end(), [](const NearDuplicate& a, const NearDuplicate& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.id < b.id;
  });
  return out;
}

}  // namespace sp::media
