// NotificationsService: the runtime on the service chassis, consuming auth's, profile's and the
// gallery's events.
#include "strangeprompt/notifications/notifications_service.hpp"

#include <optional>

#include "handlers/routes.hpp"
#include "logic/event_intake.hpp"
#include "logic/live_relay.hpp"
#include "notifications_runtime.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/security/random.hpp"
#include "strangeprompt/service/chassis.hpp"
#include "strangeprompt/service/service_cache.hpp"

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
          read_mail_settings(r);
          // Live signals between replicas ride on the cache backend: Redis pub/sub with
          // cache.backend = "redis", in-process otherwise (one process, nothing to relay).
          const cache::CacheOptions c = service::cache_options(r, Clock::system());
          bus_options_ = cache::PubSubOptions{.backend = c.backend, .redis = c.redis};
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
  void read_mail_settings(SettingsReader& r) {
    smtp_.url = r.text("notifications.smtp_url", "");
    smtp_.username = r.secret("notifications.smtp_username");
    smtp_.password = r.secret("notifications.smtp_password");
    smtp_.starttls = r.boolean("notifications.smtp_starttls", false);
    smtp_.timeout = r.millis("notifications.smtp_timeout_ms", smtp_.timeout,
                             std::chrono::milliseconds(100), std::chrono::minutes(5));
    mail_.enabled = !smtp_.url.empty();
    mail_.from_address = r.text("notifications.mail_from", mail_.from_address);
    mail_.from_name = r.text("notifications.mail_from_name", mail_.from_name);
    mail_.public_base_url = r.text("notifications.public_base_url", mail_.public_base_url);
    while (!mail_.public_base_url.empty() && mail_.public_base_url.back() == '/') {
      mail_.public_base_url.pop_back();
    }
    auto key = r.secret("notifications.unsubscribe_key");
    if (key && !key->empty()) {
      mail_.unsubscribe_key = *key;
    } else {
      mail_.unsubscribe_key = security::random_token(32);
      if (mail_.enabled) {
        log_warn("notifications",
                 "no notifications.unsubscribe_key configured: unsubscribe links die when this "
                 "process restarts");
      }
    }
    mail_.lease_ms =
        r.millis("notifications.mail_lease_ms", std::chrono::milliseconds(mail_.lease_ms),
                 std::chrono::milliseconds(100), std::chrono::hours(1))
            .count();
    catch_up_ = r.millis("notifications.stream_catch_up_ms", catch_up_,
                         std::chrono::milliseconds(100), std::chrono::hours(1));
    digest_poll_ = r.millis("notifications.digest_poll_ms", digest_poll_,
                            std::chrono::milliseconds(10), std::chrono::hours(1));
    mail_poll_ = r.millis("notifications.mail_poll_ms", mail_poll_, std::chrono::milliseconds(10),
                          std::chrono::minutes(10));
  }

  Status build() {
    runtime_ = std::make_unique<NotificationsRuntime>(
        chassis_.database(), chassis_.env().clock, chassis_.node_id(),
        http::Pager::from_secret(cursor_key_), heartbeat_, mail_, smtp_);
    NotificationSources& sources = runtime_->sources();
    auto consume = [&](const char* group, const char* topic, Take take) {
      chassis_.consume(group, topic,
                       [&sources, take](const events::Record& r) { return take(sources, r); });
    };
    consume("notifications.signups.v1", "user.signup", take_signup);
    consume("notifications.deletions.v1", "user.deleted", take_user_deleted);
    consume("notifications.resets.v1", "user.password_reset_requested", take_password_reset);
    consume("notifications.profiles.v1", "profile.updated", take_profile_updated);
    consume("notifications.preferences.v1", "profile.preferences_updated", take_preferences);
    consume("notifications.follows.v1", "profile.followed", take_follow);
    consume("notifications.unfollows.v1", "profile.unfollowed", take_follow);
    consume("notifications.likes.v1", "gallery.likes", take_like);
    consume("notifications.comments.v1", "gallery.comments", take_comment);
    consume("notifications.posts.v1", "gallery.post.published", take_post_published);
    consume("notifications.views.v1", "analytics.post_views", take_post_views);
    LiveHub& hub = runtime_->hub();
    cache::PubSubOptions bus_options = bus_options_;
    bus_options.redis.metrics = chassis_.env().metrics;
    SP_ASSIGN_OR_RETURN(bus_, cache::PubSub::create(bus_options));
    relay_ = std::make_unique<LiveRelay>(hub, *bus_);
    if (bus_options.backend == "redis" &&
        !relay_->wait_live(bus_options.redis.connect_timeout + bus_options.redis.command_timeout)) {
      log_warn("notifications",
               "live signals from other replicas are not subscribed yet (Redis does not answer): "
               "streams catch up every notifications.stream_catch_up_ms until it does");
    }
    chassis_.every("notifications.stream_catch_up", catch_up_, [&hub] { hub.signal_all(); });
    DigestRunner& digests = runtime_->digests();
    chassis_.every("notifications.digests", digest_poll_, [&digests] { digests.run_once(); });
    if (mail_.enabled) {
      MailSender& sender = runtime_->mail_sender();
      chassis_.every("notifications.mail", mail_poll_, [&sender] {
        while (sender.run_once() > 0) {
        }
      });
    }
    return ok_status();
  }

  std::optional<std::string> cursor_key_;
  std::chrono::milliseconds heartbeat_{15'000};
  MailSettings mail_;
  mail::SmtpOptions smtp_;
  std::chrono::milliseconds mail_poll_{1'000};
  std::chrono::milliseconds digest_poll_{60'000};
  std::chrono::milliseconds catch_up_{5'000};
  cache::PubSubOptions bus_options_;
  std::unique_ptr<NotificationsRuntime> runtime_;
  std::unique_ptr<cache::PubSub> bus_;  // after runtime_: destroyed before the hub it signals
  std::unique_ptr<LiveRelay> relay_;    // after bus_: unsubscribes before the bus goes
  service::Chassis chassis_;            // last: stops the consumers using runtime_
};

}  // namespace

std::unique_ptr<NotificationsService> make_notifications_service(const service::ServiceEnv& env) {
  return std::make_unique<NotificationsServiceImpl>(env);
}

}  // namespace sp::notifications
