#pragma once
// The durable processing queue (table media_jobs, committed with each upload). A job is claimed
// with a lease: a worker killed mid-job leaves the lease to expire, and the job is claimed again.
#include <cstdint>
#include <optional>
#include <string>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::db {
class Database;
}

namespace sp::media {

struct ClaimedJob {
  int64_t media_id = 0;
  int attempts = 0;  // including this one
};

// The pipeline's findings for a ready media.
struct ProcessedRecord {
  int width = 0;
  int height = 0;
  std::string variants_json;  // [{"width","height","format","url"}]
  std::string blurhash;
  std::string dominant_color;
  int64_t phash = 0;                            // the 64 bits as a signed integer
  std::string moderation_outcome = "approved";  // approved | needs_review | rejected
  std::optional<std::string> moderation_reason;
};

class JobQueue {
 public:
  explicit JobQueue(db::Database& db) : db_(db) {}

  // The due job with the oldest run_after whose lease is free or expired, now leased until
  // `lease_until` with its attempts counted and its media `processing`; nullopt when none. Two
  // workers never hold the same live lease (the conditional UPDATE decides).
  Result<std::optional<ClaimedJob>> claim(int64_t now_ms, int64_t lease_until_ms);
  // The media is ready with `result`; the job is gone; `event` is in the outbox (one
  // transaction).
  Status complete(int64_t media_id, const ProcessedRecord& result, int64_t now_ms,
                  const events::Envelope& event);
  // The media ends `status` (failed | rejected) with `reason`; the job is gone; `event`, when
  // given, is in the outbox (one transaction).
  Status finish_unprocessed(int64_t media_id, std::string_view status, std::string_view reason,
                            int64_t now_ms, const std::optional<events::Envelope>& event);
  // Releases the lease and runs the job again after `run_after_ms`.
  Status retry_later(int64_t media_id, int64_t run_after_ms, std::string_view error);
  // Jobs not finished (queued, leased or waiting to retry).
  Result<int64_t> depth();

 private:
  db::Database& db_;
};

}  // namespace sp::media
