#pragma once
// One processing step of the durable queue: claim a due job (with a lease), run the pipeline on
// the private original, store the variants and mark the media ready; a refused file is
// `rejected` with its reason at once; another failure is retried with exponential backoff and
// full jitter until the last attempt, after which the media is `failed` with its reason.
#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <string_view>

#include "logic/moderation.hpp"
#include "pipeline/image_pipeline.hpp"
#include "store/job_queue.hpp"
#include "store/media_store.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::blob {
class BlobStore;
}
namespace sp::metrics {
class Metrics;
}

namespace sp::media {

struct WorkerPolicy {
  std::chrono::milliseconds lease{std::chrono::minutes(5)};  // media.job_lease_seconds
  int max_attempts = 5;                                      // media.job_max_attempts
  std::chrono::milliseconds backoff_base{std::chrono::seconds(2)};
  std::chrono::milliseconds backoff_cap{std::chrono::minutes(5)};
  // Where an original that is not on local disk (S3) is streamed before decoding; empty: the
  // system's temporary directory.
  std::string scratch_dir{};
};

// The delay before attempt `attempts + 1`: uniform in [0, min(cap, base * 2^(attempts-1))].
std::chrono::milliseconds retry_delay(const WorkerPolicy& policy, int attempts,
                                      std::mt19937_64& rng);

enum class JobOutcome { kIdle, kReady, kRejected, kRetried, kFailed };

// Whether the worker decodes an original of this format ("png", "jpeg", "webp", "avif") from its
// file rather than from its bytes in memory. JPEG and AVIF: yes (libvips' loaders read the file
// as they decode; measured 84 -> 74 MiB peak RSS for a 24 MB, 50-MP JPEG). PNG and WebP: no
// (their loaders map or read the whole file anyway, and the metadata parsers need the bytes:
// read once, used for both; through a file source a 22 MB PNG measured 112 -> 117-127 MiB).
bool decode_from_file(std::string_view format);

class MediaWorker {
 public:
  // Runs on the original: from its file (process_image_file) when `bytes` is empty, else from
  // the bytes (process_image); see decode_from_file.
  struct Original {
    const std::string& path;
    std::string_view bytes;
  };
  using Pipeline = std::function<Result<ProcessedImage>(const Original& original)>;
  // The moderation stage (logic/moderation.hpp); empty: everything is approved.
  using Moderator =
      std::function<ModerationVerdict(const MediaRecord& media, const ProcessedImage& image)>;

  // References outlive the worker; `metrics` may be null.
  MediaWorker(MediaStore& media, JobQueue& queue, blob::BlobStore& blobs, const Clock& clock,
              WorkerPolicy policy, Pipeline pipeline, metrics::Metrics* metrics = nullptr,
              Moderator moderator = {});

  // Claims and runs at most one job. Thread-safe when each thread has its own MediaWorker.
  Result<JobOutcome> run_once();

 private:
  Result<JobOutcome> run(const ClaimedJob& job);
  void observe(JobOutcome outcome, int64_t started_ms);

  MediaStore& media_;
  JobQueue& queue_;
  blob::BlobStore& blobs_;
  const Clock& clock_;
  WorkerPolicy policy_;
  Pipeline pipeline_;
  metrics::Metrics* metrics_;
  Moderator moderator_;
  std::mt19937_64 rng_;
};

// Blob keys of a media's variants: "media/variants/<id>/<width>.<format>".
std::string variant_key(int64_t media_id, int width, std::string_view format);
// Their public, immutable URLs: "/media/v/<id>/<tag>/<width>.<format>", served by the media
// service; the tag (variant_tag) keeps the URL of a private media unguessable from its id.
std::string variant_url(int64_t media_id, std::string_view tag, int width, std::string_view format);
// The first 16 hex digits of the original's SHA-256.
std::string variant_tag(std::string_view sha256_hex);

}  // namespace sp::media
