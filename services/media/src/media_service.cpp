// MediaService: the media library and its processing workers on the service chassis.
#include "strangeprompt/media/media_service.hpp"

#include <atomic>
#include <optional>
#include <thread>

#include "handlers/media_context.hpp"
#include "handlers/routes.hpp"
#include "logic/media_events.hpp"
#include "logic/media_library.hpp"
#include "logic/media_worker.hpp"
#include "logic/original_file.hpp"
#include "logic/post_events.hpp"
#include "logic/settings.hpp"
#include "store/job_queue.hpp"
#include "store/media_store.hpp"
#include "strangeprompt/blob/blob_store.hpp"
#include "strangeprompt/core/id.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/periodic.hpp"
#include "strangeprompt/metrics/metrics.hpp"
#include "strangeprompt/security/random.hpp"
#include "strangeprompt/service/chassis.hpp"

namespace sp::media {
namespace {

constexpr std::chrono::seconds kQueueDepthInterval{5};

class MediaServiceImpl final : public service::Service {
 public:
  explicit MediaServiceImpl(const service::ServiceEnv& env)
      : chassis_(env, "media", migrate_media_store,
                 [this, data_dir = env.data_dir](SettingsReader& r) {
                   settings_ = MediaSettings::read(r, data_dir);
                 }) {}
  ~MediaServiceImpl() override { stop(); }

  std::string_view name() const override { return chassis_.name(); }
  void read_settings(SettingsReader& settings) override { chassis_.read_settings(settings); }
  Result<int> migrate() override { return chassis_.migrate(); }
  Status start() override {
    SP_TRY(chassis_.start([this] { return build(); }));
    for (auto& task : worker_tasks_) task->start();
    return ok_status();
  }
  // Workers first (each returns after the image in hand), then the chassis.
  void stop() override {
    for (auto& task : worker_tasks_) task->stop();
    chassis_.stop();
  }
  // With blob.backend = "s3", "media.blob" too: one HEAD on the bucket (a cheap, bounded probe;
  // BlobStore::ping), so a replica whose bucket is unreachable is taken out of rotation.
  std::vector<service::ReadinessCheck> readiness() const override {
    std::vector<service::ReadinessCheck> checks{chassis_.database_check()};
    if (settings_ && settings_->blob.backend == "s3") {
      checks.push_back({"media.blob", [this]() -> Status {
                          if (!chassis_.started() || !blobs_) return chassis_.starting_error();
                          return blobs_->ping();
                        }});
    }
    return checks;
  }

  // Called after start(): the settings are read by then; before, the default limit applies.
  void register_routes(http::Router& router) override {
    const std::size_t limit =
        settings_ ? settings_->max_upload_bytes : MediaSettings{}.max_upload_bytes;
    const std::string spool_dir =
        settings_ ? settings_->upload_spool_dir : chassis_.env().data_dir + "/media-uploads";
    register_media_routes(
        router,
        [this]() -> const MediaContext* { return chassis_.started() ? context_.get() : nullptr; },
        limit, spool_dir);
  }

 private:
  Status build() {
    const service::ServiceEnv& env = chassis_.env();
    blob::BlobStoreOptions blob_options = settings_->blob;
    blob_options.clock = &env.clock;
    SP_ASSIGN_OR_RETURN(blobs_, blob::BlobStore::open(blob_options));
    store_ = std::make_unique<MediaStore>(chassis_.database());
    queue_ = std::make_unique<JobQueue>(chassis_.database());
    ids_ = std::make_unique<IdGenerator>(env.clock, chassis_.node_id());
    library_ = std::make_unique<MediaLibrary>(*store_, *blobs_, *ids_, env.clock,
                                              [this] { wake_one_worker(); });
    std::string key = settings_->url_signing_key.value_or(security::random_bytes(32));
    if (!settings_->url_signing_key) {
      log_info("media",
               "media.url_signing_key is not set: original download URLs are signed "
               "with a random key and stop working when the process restarts");
    }
    SP_ASSIGN_OR_RETURN(blob::UrlSigner signer, blob::UrlSigner::create(key, env.clock));
    signer_ = std::make_unique<blob::UrlSigner>(std::move(signer));
    pager_ = std::make_unique<http::Pager>(http::Pager::from_secret(settings_->cursor_key));
    context_ = std::make_unique<MediaContext>(
        MediaContext{*library_, *signer_, settings_->original_url_ttl, env.clock, *pager_});
    build_workers();
    if (env.metrics != nullptr) {
      env.metrics->register_gauge("sp_media_queue_depth",
                                  "Media processing jobs not finished (queued, running, waiting "
                                  "to retry).",
                                  [this] { return static_cast<double>(queue_depth_.load()); });
    }
    chassis_.consume("media.user_deleted.v1", std::string(kUserDeletedTopic),
                     [this](const events::Record& record) -> Status {
                       SP_ASSIGN_OR_RETURN(int64_t user, deleted_user_id(record.payload));
                       SP_ASSIGN_OR_RETURN(int removed, library_->remove_user(user));
                       (void)removed;
                       return ok_status();
                     });
    // Which public posts use which media (GET /v1/media/{id} for everyone while one does). One
    // group per topic; PublicPosts::apply orders a post's events by occurredAt, not arrival.
    for (auto [group, topic] : {std::pair{"media.posts_published.v1", kPostPublishedTopic},
                                std::pair{"media.posts_revised.v1", kPostRevisedTopic},
                                std::pair{"media.posts_withdrawn.v1", kPostWithdrawnTopic}}) {
      chassis_.consume(group, std::string(topic), [this](const events::Record& record) -> Status {
        Result<PostVisibility> post = read_post_event(record.payload);
        if (!post.ok()) {  // retrying cannot fix it: logged and passed over
          log_warn("media", "unreadable gallery post event",
                   {{"topic", record.topic}, {"error", post.error().message}});
          return ok_status();
        }
        SP_TRY(library_->apply_post_event(*post));
        return ok_status();
      });
    }
    chassis_.every("media.queue_depth", kQueueDepthInterval, [this] {
      if (auto depth = queue_->depth(); depth.ok()) queue_depth_.store(*depth);
    });
    return ok_status();
  }

  void build_workers() {
    int count = settings_->workers > 0
                    ? settings_->workers
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // Originals not on local disk (S3) are streamed here before decoding; a crash's leftovers go.
    const std::string scratch = chassis_.env().data_dir + "/media-work";
    OriginalFile::remove_leftovers(scratch);
    WorkerPolicy policy;
    policy.lease = settings_->job_lease;
    policy.max_attempts = settings_->job_max_attempts;
    policy.scratch_dir = scratch;
    ModerationProvider provider;
    if (!settings_->moderation_url.empty()) {
      provider = http_moderation_provider(settings_->moderation_url, settings_->moderation_timeout);
    }
    auto moderator = [moderation = settings_->moderation, provider](const MediaRecord& media,
                                                                    const ProcessedImage& image) {
      return moderate(moderation, provider, media, image);
    };
    const EncodeOptions encode = encode_options();
    auto pipeline = [encode](const MediaWorker::Original& original) {
      return original.bytes.empty() ? process_image_file(original.path, encode)
                                    : process_image(original.bytes, encode);
    };
    for (int i = 0; i < count; ++i) {
      workers_.push_back(std::make_unique<MediaWorker>(*store_, *queue_, *blobs_,
                                                       chassis_.env().clock, policy, pipeline,
                                                       chassis_.env().metrics, moderator));
      MediaWorker* worker = workers_.back().get();
      auto task = std::make_unique<PeriodicTask>("media.worker", settings_->poll_interval,
                                                 [this, worker, i] { drain(*worker, i); });
      worker_tasks_.push_back(std::move(task));
    }
  }

  // media.avif, defaulting to whether this libvips encodes AVIF (checked once, here).
  EncodeOptions encode_options() const {
    const bool works = avif_encoding_works();
    bool avif = settings_->avif.value_or(works);
    if (avif && !works) {
      log_warn("media", "media.avif is true but this libvips cannot encode AVIF: WebP only");
      avif = false;
    }
    log_info("media", "variant formats", {{"webp", true}, {"avif", avif}});
    return EncodeOptions{.avif = avif,
                         .avif_effort = settings_->avif_effort,
                         .avif_quality = settings_->avif_quality};
  }

  // One pass: run jobs until none is due (or stop() is asked for).
  void drain(MediaWorker& worker, int index) {
    PeriodicTask& task = *worker_tasks_[static_cast<std::size_t>(index)];
    while (!task.stopping()) {
      Result<JobOutcome> outcome = worker.run_once();
      if (!outcome.ok()) {
        log_warn("media", "processing job failed",
                 {{"error", outcome.error().message}, {"detail", outcome.error().internal}});
        return;
      }
      if (*outcome == JobOutcome::kIdle) return;
    }
  }

  void wake_one_worker() {
    if (worker_tasks_.empty()) return;
    auto n = next_wake_.fetch_add(1) % worker_tasks_.size();
    worker_tasks_[n]->wake();
  }

  std::optional<MediaSettings> settings_;  // read by the chassis before migrate/start
  std::unique_ptr<blob::BlobStore> blobs_;
  std::unique_ptr<MediaStore> store_;
  std::unique_ptr<JobQueue> queue_;
  std::unique_ptr<IdGenerator> ids_;
  std::unique_ptr<MediaLibrary> library_;
  std::unique_ptr<blob::UrlSigner> signer_;
  std::unique_ptr<http::Pager> pager_;
  std::unique_ptr<MediaContext> context_;  // built once in start(), published by the gate
  std::vector<std::unique_ptr<MediaWorker>> workers_;
  std::vector<std::unique_ptr<PeriodicTask>> worker_tasks_;  // stopped before the chassis
  std::atomic<int64_t> queue_depth_{0};
  std::atomic<std::size_t> next_wake_{0};
  service::Chassis chassis_;  // last: stops the background work first
};

}  // namespace

std::unique_ptr<service::Service> make_media_service(const service::ServiceEnv& env) {
  return std::make_unique<MediaServiceImpl>(env);
}

}  // namespace sp::media
