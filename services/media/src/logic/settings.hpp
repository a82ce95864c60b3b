#pragma once
// The media service's own settings (`media.*`); defaults make a config-less start work.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "pipeline/image_pipeline.hpp"

#include "logic/moderation.hpp"
#include "strangeprompt/blob/blob_store.hpp"

namespace sp {
class SettingsReader;
}

namespace sp::media {

struct MediaSettings {
  // media.max_upload_bytes: the upload route's body limit (413 above it).
  std::size_t max_upload_bytes = 25 * 1024 * 1024;
  // media.blob_root: the local blob store's directory; default <data_dir>/media-blobs.
  std::string blob_root;
  // media.upload_spool_dir: where upload bodies are streamed while they arrive; default
  // <data_dir>/media-uploads (leftovers removed at start).
  std::string upload_spool_dir;
  // media.avif: AVIF variants beside the WebP ones. Unset: on when this libvips can encode AVIF
  // (probed at start); true where it cannot is logged and AVIF stays off.
  std::optional<bool> avif;
  // media.avif_effort (0 fastest .. 9) and media.avif_quality (1..100) of the AV1 encoder.
  int avif_effort = 0;
  int avif_quality = 50;
  // blob.backend ("local" | "s3") and blob.s3.* (packages/service service_blob.hpp): where the
  // blobs live; the local backend uses blob_root.
  blob::BlobStoreOptions blob;
  // media.workers: processing threads; 0 (the default) means one per core.
  int workers = 0;
  // media.job_lease_seconds: how long a claimed job is held; a worker killed mid-job leaves it
  // to expire, then another claims the job again.
  std::chrono::seconds job_lease{300};
  // media.job_max_attempts: attempts before the media is `failed`.
  int job_max_attempts = 5;
  // media.poll_interval_ms: how often an idle worker looks for due jobs (uploads wake it).
  std::chrono::milliseconds poll_interval{1000};
  // media.url_signing_key (secret, >= 32 bytes; or media.url_signing_key_file): signs the
  // expiring URLs of originals. Absent: a random key per process (URLs die on restart and do not
  // work across replicas).
  std::optional<std::string> url_signing_key;
  // media.original_url_ttl_seconds: how long a signed original URL works.
  std::chrono::seconds original_url_ttl{900};
  // media.moderation_url: the external moderation provider (logic/moderation.hpp); empty: none.
  std::string moderation_url;
  // media.moderation_timeout_ms: how long the provider may take.
  std::chrono::milliseconds moderation_timeout{3000};
  // media.moderation_fail_open, moderation_blocklist (16-hex-digit dHashes) and
  // moderation_blocklist_distance: see ModerationPolicy.
  ModerationPolicy moderation{};
  // http.cursor_key (secret): signs the review queue's cursors; absent: a random key per process.
  std::optional<std::string> cursor_key;

  static MediaSettings read(SettingsReader& r, const std::string& data_dir);
};

}  // namespace sp::media
