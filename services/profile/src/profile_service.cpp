// ProfileService: the profile runtime on the service chassis, consuming auth's user events and
// the gallery's post events.
#include "strangeprompt/profile/profile_service.hpp"

#include <optional>

#include "handlers/routes.hpp"
#include "logic/event_intake.hpp"
#include "profile_runtime.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/service/chassis.hpp"

namespace sp::profile {
namespace {

class ProfileServiceImpl final : public ProfileService {
 public:
  explicit ProfileServiceImpl(const service::ServiceEnv& env)
      : chassis_(env, "profile", migrate_profile_store,
                 [this](SettingsReader& r) { cursor_key_ = r.secret("http.cursor_key"); }) {}

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
    register_profile_routes(router, [this]() -> const ProfileApi* {
      return chassis_.started() ? &runtime_->api() : nullptr;
    });
  }

 private:
  Status build() {
    runtime_ =
        std::make_unique<ProfileRuntime>(chassis_.database(), chassis_.env().clock,
                                         chassis_.node_id(), http::Pager::from_secret(cursor_key_));
    ProfileDirectory& profiles = runtime_->profiles();
    chassis_.consume(kSignupsGroup, "user.signup",
                     [&profiles](const events::Record& r) { return take_signup(profiles, r); });
    chassis_.consume(kDeletionsGroup, "user.deleted", [&profiles](const events::Record& r) {
      return take_user_deleted(profiles, r);
    });
    chassis_.consume(kPostsGroup, "gallery.post.published", [&profiles](const events::Record& r) {
      return take_post_published(profiles, r);
    });
    chassis_.consume(kMediaGroup, "media.processed", [&profiles](const events::Record& r) {
      return take_media_processed(profiles, r);
    });
    return ok_status();
  }

  std::optional<std::string> cursor_key_;    // http.cursor_key, read with the settings
  std::unique_ptr<ProfileRuntime> runtime_;  // built once in start(), published by the gate
  service::Chassis chassis_;                 // last: stops the consumers using runtime_
};

}  // namespace

std::unique_ptr<ProfileService> make_profile_service(const service::ServiceEnv& env) {
  return std::make_unique<ProfileServiceImpl>(env);
}

}  // namespace sp::profile
