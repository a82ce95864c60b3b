#include "logic/media_worker.hpp"

#include <algorithm>

#include "logic/media_events.hpp"
#include "logic/original_file.hpp"
#include "strangeprompt/blob/blob_store.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/genmeta/extract.hpp"
#include "strangeprompt/metrics/metrics.hpp"

namespace sp::media {
namespace {

std::string_view outcome_name(JobOutcome o) {
  switch (o) {
    case JobOutcome::kIdle:
      return "idle";
    case JobOutcome::kReady:
      return "ready";
    case JobOutcome::kRejected:
      return "rejected";
    case JobOutcome::kRetried:
      return "retried";
    case JobOutcome::kFailed:
      return "failed";
  }
  return "unknown";
}

std::string variants_json(int64_t id, std::string_view tag, const std::vector<Variant>& variants) {
  JsonWriter w;
  w.begin_array();
  for (const Variant& v : variants) {
    w.begin_object();
    w.key("width").integer(v.width);
    w.key("height").integer(v.height);
    w.key("format").string(v.format);
    w.key("url").string(variant_url(id, tag, v.width, v.format));
    w.end_object();
  }
  w.end_array();
  return std::move(w).take();
}

}  // namespace

std::string variant_key(int64_t media_id, int width, std::string_view format) {
  return "media/variants/" + std::to_string(media_id) + "/" + std::to_string(width) + "." +
         std::string(format);
}

std::string variant_url(int64_t media_id, std::string_view tag, int width,
                        std::string_view format) {
  return "/media/v/" + std::to_string(media_id) + "/" + std::string(tag) + "/" +
         std::to_string(width) + "." + std::string(format);
}

std::string variant_tag(std::string_view sha256_hex) {
  return std::string(sha256_hex.substr(0, 16));
}

bool decode_from_file(std::string_view format) {
  return format == "jpeg" || format == "avif";
}

std::chrono::milliseconds retry_delay(const WorkerPolicy& p, int attempts, std::mt19937_64& rng) {
  const int doublings = std::clamp(attempts - 1, 0, 30);
  const int64_t ceiling =
      std::min<int64_t>(p.backoff_cap.count(), p.backoff_base.count() << doublings);
  std::uniform_int_distribution<int64_t> pick(0, std::max<int64_t>(ceiling, 0));
  return std::chrono::milliseconds(pick(rng));
}

MediaWorker::MediaWorker(MediaStore& media, JobQueue& queue, blob::BlobStore& blobs,
                         const Clock& clock, WorkerPolicy policy, Pipeline pipeline,
                         metrics::Metrics* metrics, Moderator moderator)
    : media_(media),
      queue_(queue),
      blobs_(blobs),
      clock_(clock),
      policy_(policy),
      pipeline_(std::move(pipeline)),
      metrics_(metrics),
      moderator_(std::move(moderator)),
      rng_(std::random_device{}()) {}

Result<JobOutcome> MediaWorker::run_once() {
  const int64_t now = clock_.now_ms();
  SP_ASSIGN_OR_RETURN(auto job, queue_.claim(now, now + policy_.lease.count()));
  if (!job) return JobOutcome::kIdle;
  Result<JobOutcome> outcome = run(*job);
  if (outcome.ok()) {
    observe(*outcome, now);
    return outcome;
  }
  // A store failure mid-job: retry like any transient failure (the lease would also expire).
  if (job->attempts >= policy_.max_attempts) {
    constexpr std::string_view kReason = "processing failed after several attempts";
    SP_ASSIGN_OR_RETURN(auto media, media_.find(job->media_id));
    std::optional<events::Envelope> event;
    if (media) event = media_failed_event(*media, kReason, clock_.now_ms());
    SP_TRY(queue_.finish_unprocessed(job->media_id, "failed", kReason, clock_.now_ms(), event));
    observe(JobOutcome::kFailed, now);
    return JobOutcome::kFailed;
  }
  SP_TRY(queue_.retry_later(job->media_id,
                            clock_.now_ms() + retry_delay(policy_, job->attempts, rng_).count(),
                            outcome.error().message + " " + outcome.error().internal));
  observe(JobOutcome::kRetried, now);
  return JobOutcome::kRetried;
}

Result<JobOutcome> MediaWorker::run(const ClaimedJob& job) {
  SP_ASSIGN_OR_RETURN(auto media, media_.find(job.media_id));
  if (!media) {  // deleted meanwhile
    SP_TRY(queue_.finish_unprocessed(job.media_id, "failed", "the media was deleted",
                                     clock_.now_ms(), std::nullopt));
    return JobOutcome::kFailed;
  }
  // The original as a file: the local store's own, or the object streamed to a temporary one.
  SP_ASSIGN_OR_RETURN(OriginalFile original,
                      OriginalFile::open(blobs_, media->blob_key, policy_.scratch_dir));
  // Generation metadata and provenance need every chunk of the file (unreadable ones give
  // `unknown`). From the file (JPEG, AVIF): decoded first, then read whole for the parsers (a
  // large buffer freed before libvips runs raises glibc's mmap threshold and the decoder's
  // buffers then stay on the heap). PNG, WebP: read once, parsed and decoded from the bytes.
  Result<ProcessedImage> processed = Error::internal_error("not processed");
  std::string bytes;
  if (decode_from_file(media->format)) {
    processed = pipeline_(Original{original.path(), {}});
    SP_ASSIGN_OR_RETURN(bytes, original.read());
  } else {
    SP_ASSIGN_OR_RETURN(bytes, original.read());
    processed = pipeline_(Original{original.path(), bytes});
  }
  genmeta::Extraction extracted = genmeta::extract(bytes);
  std::string().swap(bytes);
  SP_TRY(media_.set_extracted(job.media_id, extracted.metadata_json, extracted.provenance_json));
  if (!processed.ok()) {
    if (processed.error().code != ErrorCode::kUnprocessable) return processed.error();
    const int64_t now = clock_.now_ms();
    SP_TRY(queue_.finish_unprocessed(job.media_id, "rejected", processed.error().message, now,
                                     media_failed_event(*media, processed.error().message, now)));
    return JobOutcome::kRejected;
  }
  for (const Variant& v : processed->variants) {
    SP_TRY(blobs_.put_bytes(variant_key(job.media_id, v.width, v.format), v.bytes,
                            {.content_type = "image/" + v.format}));
  }
  ProcessedRecord record{
      .width = processed->width,
      .height = processed->height,
      .variants_json = variants_json(job.media_id, variant_tag(media->sha256), processed->variants),
      .blurhash = processed->blurhash,
      .dominant_color = processed->dominant_color,
      .phash = static_cast<int64_t>(processed->phash),
      .moderation_outcome = kOutcomeApproved,
      .moderation_reason = std::nullopt};
  if (moderator_) {
    ModerationVerdict verdict = moderator_(*media, *processed);
    record.moderation_outcome = verdict.outcome;
    record.moderation_reason = verdict.reason;
  }
  const int64_t now = clock_.now_ms();
  SP_TRY(queue_.complete(job.media_id, record, now, media_ready_event(*media, record, now)));
  return JobOutcome::kReady;
}

void MediaWorker::observe(JobOutcome outcome, int64_t started_ms) {
  if (metrics_ == nullptr) return;
  const std::string labels = "outcome=\"" + std::string(outcome_name(outcome)) + "\"";
  metrics_->add_counter("sp_media_jobs_total", labels);
  metrics_->add_counter("sp_media_job_seconds_total", labels,
                        static_cast<double>(clock_.now_ms() - started_ms) / 1000.0);
}

}  // namespace sp::media
