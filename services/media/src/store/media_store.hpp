#pragma once
// The media service's SQL (its own tables only), the same statements on SQLite and PostgreSQL.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::db {
class Database;
}

namespace sp::media {

// One uploaded file as stored.
struct MediaRecord {
  int64_t id = 0;
  int64_t owner_id = 0;
  std::string sha256;  // lowercase hex of the original's bytes
  std::string format;  // "png" | "jpeg" | "webp" | "avif"
  int64_t size_bytes = 0;
  std::string blob_key;  // the private original in the blob store
  std::string status;    // pending | processing | ready | failed | rejected
  std::optional<std::string> reason;
  std::string metadata_json;  // genmeta's `metadata` object
  std::optional<std::string> provenance_json;
  int64_t created_at = 0;  // Unix ms
  int64_t updated_at = 0;
  // Set once ready (store/job_queue.hpp ProcessedRecord).
  std::optional<int64_t> width;
  std::optional<int64_t> height;
  std::optional<std::string> variants_json;  // [{"width","height","format","url"}]
  std::optional<std::string> blurhash;
  std::optional<std::string> dominant_color;
  std::optional<int64_t> phash;                   // the 64-bit dHash as a signed integer
  std::optional<std::string> moderation_outcome;  // approved | needs_review | rejected
  std::optional<std::string> moderation_reason;
};

struct NearDuplicate {
  int64_t id = 0;
  int distance = 0;
};

// Applies the media migrations and the outbox table.
Result<int> migrate_media_store(db::Database& db);

class MediaStore {
 public:
  explicit MediaStore(db::Database& db) : db_(db) {}
  db::Database& database() { return db_; }

  // Inserts the media row and its processing job (run after `record.created_at`) in one
  // transaction. kConflict when the owner already has a row with these bytes (a racing upload).
  Status insert_with_job(const MediaRecord& record);
  // nullopt when absent.
  Result<std::optional<MediaRecord>> find(int64_t id);
  // The owner's media with these bytes, nullopt when none.
  Result<std::optional<MediaRecord>> find_by_owner_sha(int64_t owner_id, const std::string& sha);
  // Every other media (any owner) whose dHash is within `max_distance` bits of `phash`, nearest
  // first. Scans the hashes (one BIGINT per media): fine to about a million media, then a BK-tree
  // or multi-index hashing is the next step.
  // Every media of `owner_id` (any status), as id and original blob key.
  Result<std::vector<std::pair<int64_t, std::string>>> owned_by(int64_t owner_id);
  // Deletes the media row and its job; deleting an absent one is not an error.
  Status remove(int64_t id);
  // The generation metadata and C2PA provenance read from the original (by the worker).
  Status set_extracted(int64_t id, const std::string& metadata_json,
                       const std::optional<std::string>& provenance_json);
  // Media whose moderation outcome is needs_review with id > `after_id`, oldest first, at most
  // `limit`.
  Result<std::vector<MediaRecord>> awaiting_review(int64_t after_id, std::size_t limit);
  // Sets the moderation verdict of a processed media; false when there is none with this id.
  // `event_for` (when set) builds the event written to the outbox in the same transaction from
  // the updated row.
  using ReviewEvent = std::function<std::optional<events::Envelope>(const MediaRecord&)>;
  Result<bool> set_moderation(int64_t id, std::string_view outcome,
                              const std::optional<std::string>& reason, int64_t now_ms,
                              const ReviewEvent& event_for = {});
  Result<std::vector<NearDuplicate>> near_duplicates(int64_t id, int64_t phash, int max_distance);

 private:
  db::Database& db_;
};

}  // namespace sp::media
