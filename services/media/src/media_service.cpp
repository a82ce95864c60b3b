// MediaService: the media library on the service chassis (database, ready gate).
#include "strangeprompt/media/media_service.hpp"

#include <optional>

#include "handlers/routes.hpp"
#include "logic/media_library.hpp"
#include "logic/settings.hpp"
#include "store/media_store.hpp"
#include "strangeprompt/blob/blob_store.hpp"
#include "strangeprompt/core/id.hpp"
#include "strangeprompt/service/chassis.hpp"

namespace sp::media {
namespace {

class MediaServiceImpl final : public service::Service {
 public:
  explicit MediaServiceImpl(const service::ServiceEnv& env)
      : chassis_(env, "media", migrate_media_store,
                 [this, data_dir = env.data_dir](SettingsReader& r) {
                   settings_ = MediaSettings::read(r, data_dir);
                 }) {}

  std::string_view name() const override { return chassis_.name(); }
  void read_settings(SettingsReader& settings) override { chassis_.read_settings(settings); }
  Result<int> migrate() override { return chassis_.migrate(); }
  Status start() override {
    return chassis_.start([this] { return build(); });
  }
  void stop() override { chassis_.stop(); }
  std::vector<service::ReadinessCheck> readiness() const override {
    return {chassis_.database_check()};
  }

  // Routes are registered before settings may have been read: the limit falls back to the
  // default, which is what an unread configuration means.
  void register_routes(http::Router& router) override {
    const std::size_t limit =
        settings_ ? settings_->max_upload_bytes : MediaSettings{}.max_upload_bytes;
    register_media_routes(
        router, [this]() -> MediaLibrary* { return chassis_.started() ? library_.get() : nullptr; },
        limit);
  }

 private:
  Status build() {
    SP_ASSIGN_OR_RETURN(blobs_,
                        blob::BlobStore::open({.backend = "local", .root = settings_->blob_root}));
    store_ = std::make_unique<MediaStore>(chassis_.database());
    ids_ = std::make_unique<IdGenerator>(chassis_.env().clock, chassis_.node_id());
    library_ = std::make_unique<MediaLibrary>(*store_, *blobs_, *ids_, chassis_.env().clock);
    return ok_status();
  }

  std::optional<MediaSettings> settings_;  // read by the chassis before migrate/start
  std::unique_ptr<blob::BlobStore> blobs_;
  std::unique_ptr<MediaStore> store_;
  std::unique_ptr<IdGenerator> ids_;
  std::unique_ptr<MediaLibrary> library_;  // built once in start(), published by the gate
  service::Chassis chassis_;               // last: stops the background work first
};

}  // namespace

std::unique_ptr<service::Service> make_media_service(const service::ServiceEnv& env) {
  return std::make_unique<MediaServiceImpl>(env);
}

}  // namespace sp::media
