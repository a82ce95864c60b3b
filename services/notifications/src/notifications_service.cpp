// NotificationsService: the runtime on the service chassis, consuming auth's, profile's and the
// gallery's events.
#include "strangeprompt/notifications/notifications_service.hpp"

#include <optional>

#include "handlers/routes.hpp"
#include "logic/event_intake.hpp"
#include "notifications_runtime.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/service/chassis.hpp"

namespace sp::notifications {
namespace {

using Take = Status (*)(NotificationSources&, const events::Record&);

class NotificationsServiceImpl final : public NotificationsService {
 public:
  explicit NotificationsServiceImpl(const service::ServiceEnv& env)
      : chassis_(env, "notifications", migrate_notification_store, [this](SettingsReader& r) {
          cursor_key_ = r.secret("http.cursor_key");
          heartbeat_ = r.millis("notifications.stream_heartbeat_ms", heartbeat_,
                                std::chrono::milliseconds(10), std::chrono::minutes(10));
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
  void register_routes(http::Router& router) override {
    register_notification_routes(router, [this]() -> const NotificationsApi* {
      return chassis_.started() ? &runtime_->api() : nullptr;
    });
  }

 private:
  Status build() {
    runtime_ = std::make_unique<NotificationsRuntime>(
        chassis_.database(), chassis_.env().clock, chassis_.node_id(),
        http::Pager::from_secret(cursor_key_), heartbeat_);
    NotificationSources& sources = runtime_->sources();
    auto consume = [&](const char* group, const char* topic, Take take) {
      chassis_.consume(group, topic,
                       [&sources, take](const events::Record& r) { return take(sources, r); });
    };
    consume("notifications.signups.v1", "user.signup", take_signup);
    consume("notifications.deletions.v1", "user.deleted", take_user_deleted);
    consume("notifications.profiles.v1", "profile.updated", take_profile_updated);
    consume("notifications.preferences.v1", "profile.preferences_updated", take_preferences);
    consume("notifications.follows.v1", "profile.followed", take_follow);
    consume("notifications.unfollows.v1", "profile.unfollowed", take_follow);
    consume("notifications.likes.v1", "gallery.likes", take_like);
    consume("notifications.comments.v1", "gallery.comments", take_comment);
    consume("notifications.posts.v1", "gallery.post.published", take_post_published);
    return ok_status();
  }

  std::optional<std::string> cursor_key_;
  std::chrono::milliseconds heartbeat_{15'000};
  std::unique_ptr<NotificationsRuntime> runtime_;
  service::Chassis chassis_;  // last: stops the consumers using runtime_
};

}  // namespace

std::unique_ptr<NotificationsService> make_notifications_service(const service::ServiceEnv& env) {
  return std::make_unique<NotificationsServiceImpl>(env);
}

}  // namespace sp::notifications
