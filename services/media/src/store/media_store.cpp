#include "store/media_store.hpp"

#include "media_migrations.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/migrations.hpp"
#include "strangeprompt/db/statements.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace sp::media {
namespace sql {

constexpr const char* kColumns =
    "id, owner_id, sha256, format, size_bytes, blob_key, status, reason, metadata_json, "
    "provenance_json, created_at, updated_at";

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
  return MediaRecord{.id = row.get_int(0),
                     .owner_id = row.get_int(1),
                     .sha256 = row.get_text(2),
                     .format = row.get_text(3),
                     .size_bytes = row.get_int(4),
                     .blob_key = row.get_text(5),
                     .status = row.get_text(6),
                     .reason = row.opt_text(7),
                     .metadata_json = row.get_text(8),
                     .provenance_json = row.opt_text(9),
                     .created_at = row.get_int(10),
                     .updated_at = row.get_int(11)};
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

}  // namespace sp::media
