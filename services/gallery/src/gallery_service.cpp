// GalleryService: the gallery runtime on the service chassis, with its profile-event consumers.
#include "strangeprompt/gallery/gallery_service.hpp"

#include <optional>

#include "gallery_runtime.hpp"
#include "handlers/handlers.hpp"
#include "handlers/post_body.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/service/chassis.hpp"

namespace sp::gallery {
namespace {

class GalleryServiceImpl final : public GalleryService {
 public:
  explicit GalleryServiceImpl(const service::ServiceEnv& env)
      : chassis_(env, "gallery", migrate_gallery_store,
                 [this](SettingsReader& r) { settings_ = GallerySettings::read(r); }) {}

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
  void register_routes(http::Router& router) override {
    register_gallery_routes(router, [this] { return ready(); });
  }

  Result<int64_t> create_post(int64_t author, std::string_view post_json) override {
    if (ready() == nullptr) return chassis_.starting_error();
    SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::from_text(post_json));
    PostDraft draft = read_post_draft(body);
    SP_TRY(body.finish());
    SP_ASSIGN_OR_RETURN(PostView post, runtime_->posts().create(author, draft));
    runtime_->changed();
    return post.id;
  }
  Status like(int64_t user, int64_t post_id) override {
    if (ready() == nullptr) return chassis_.starting_error();
    SP_TRY(runtime_->likes().set(user, post_id, true));
    runtime_->changed();
    return ok_status();
  }
  Status comment(int64_t user, int64_t post_id, const std::string& body) override {
    if (ready() == nullptr) return chassis_.starting_error();
    SP_TRY(runtime_->comments().create(user, post_id, body));
    runtime_->changed();
    return ok_status();
  }
  Result<bool> empty() override {
    if (ready() == nullptr) return chassis_.starting_error();
    return runtime_->store().empty();
  }

 private:
  Status build() {
    settings_->limiter.redis.metrics = chassis_.env().metrics;  // Redis failures, fallbacks
    SP_ASSIGN_OR_RETURN(runtime_, GalleryRuntime::open(chassis_.database(), chassis_.env().clock,
                                                       *settings_, chassis_.node_id()));
    ProfileCopy& p = runtime_->profiles();
    GalleryRuntime* rt = runtime_.get();
    // Every consumed event may change what a read shows: the warm-read generation moves after it.
    auto on = [this, rt](const char* group, const char* topic, auto fn) {
      chassis_.consume(group, topic, [rt, fn](const events::Record& r) -> Status {
        Status status = fn(r);
        rt->changed();
        return status;
      });
    };
    on("gallery.signups.v1", "user.signup",
       [&p](const events::Record& r) { return p.on_signup(r); });
    on("gallery.deletions.v1", "user.deleted",
       [&p](const events::Record& r) { return p.on_user_deleted(r); });
    on("gallery.profiles.v1", "profile.updated",
       [&p](const events::Record& r) { return p.on_profile_updated(r); });
    on("gallery.preferences.v1", "profile.preferences_updated",
       [&p](const events::Record& r) { return p.on_preferences_updated(r); });
    on("gallery.blocks.v1", "profile.blocked",
       [&p](const events::Record& r) { return p.on_block(r, true); });
    on("gallery.unblocks.v1", "profile.unblocked",
       [&p](const events::Record& r) { return p.on_block(r, false); });
    on("gallery.follows.v1", "profile.followed",
       [&p](const events::Record& r) { return p.on_follow(r, true); });
    on("gallery.unfollows.v1", "profile.unfollowed",
       [&p](const events::Record& r) { return p.on_follow(r, false); });
    on("gallery.media.v1", "media.processed",
       [rt](const events::Record& r) { return rt->media().on_processed(r); });
    on("gallery.post_views.v1", "analytics.post_views",
       [rt](const events::Record& r) { return rt->views().on_post_views(r); });
    return ok_status();
  }

  GalleryRuntime* ready() const { return chassis_.started() ? runtime_.get() : nullptr; }

  std::optional<GallerySettings> settings_;  // read by the chassis before migrate/start
  std::unique_ptr<GalleryRuntime> runtime_;  // built once in start(), published by the gate
  service::Chassis chassis_;                 // last: stops the consumers using runtime_
};

}  // namespace

std::unique_ptr<GalleryService> make_gallery_service(const service::ServiceEnv& env) {
  return std::make_unique<GalleryServiceImpl>(env);
}

}  // namespace sp::gallery
