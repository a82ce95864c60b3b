// AnalyticsService: the analytics runtime on the service chassis, consuming its own beacon
// batches, the gallery's post, like and comment events and auth's user.deleted.
#include "strangeprompt/analytics/analytics_service.hpp"

#include <optional>

#include "analytics_runtime.hpp"
#include "handlers/routes.hpp"
#include "logic/event_intake.hpp"
#include "strangeprompt/cache/rate_limiter.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/service/chassis.hpp"

namespace sp::analytics {
namespace {

constexpr std::chrono::milliseconds kPublishInterval{250};
constexpr std::chrono::milliseconds kPruneInterval{std::chrono::minutes(10)};

class AnalyticsServiceImpl final : public AnalyticsService {
 public:
  explicit AnalyticsServiceImpl(const service::ServiceEnv& env)
      : chassis_(env, "analytics", migrate_analytics_store, [this](SettingsReader& r) {
          cursor_key_ = r.secret("http.cursor_key");
          limits_.events_per_minute =
              r.integer("analytics.events_per_address_per_minute", 1'200, 1, 1'000'000);
          limits_.requests_per_minute =
              r.integer("analytics.requests_per_address_per_minute", 240, 1, 1'000'000);
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
    register_analytics_routes(router, [this]() -> const AnalyticsApi* {
      return chassis_.started() ? &runtime_->api() : nullptr;
    });
  }

 private:
  Status build() {
    cache::RateLimiterOptions limiter_options;
    limiter_options.clock = &chassis_.env().clock;
    SP_ASSIGN_OR_RETURN(std::unique_ptr<cache::RateLimiter> limiter,
                        cache::RateLimiter::create(limiter_options));
    runtime_ = std::make_unique<AnalyticsRuntime>(
        chassis_.database(), chassis_.env().clock, chassis_.node_id(),
        http::Pager::from_secret(cursor_key_), std::move(limiter), limits_);
    Counting& counting = runtime_->counting();
    SP_TRY(counting.warm());
    chassis_.consume(std::string(kViewBatchesGroup), std::string(kViewBatchTopic),
                     [&counting](const events::Record& r) { return take_view_batch(counting, r); });
    chassis_.consume(std::string(kLikesGroup), "gallery.likes",
                     [&counting](const events::Record& r) { return take_like(counting, r); });
    chassis_.consume(std::string(kCommentsGroup), "gallery.comments",
                     [&counting](const events::Record& r) { return take_comment(counting, r); });
    chassis_.consume(
        std::string(kPostsGroup), "gallery.post.published",
        [&counting](const events::Record& r) { return take_post_published(counting, r); });
    chassis_.consume(
        std::string(kDeletionsGroup), "user.deleted",
        [&counting](const events::Record& r) { return take_user_deleted(counting, r); });
    chassis_.every("analytics.publish_views", kPublishInterval, [&counting] {
      if (auto n = counting.publish_views(); !n.ok()) {
        log_warn("analytics", "publishing view totals failed", {{"error", n.error().message}});
      }
    });
    chassis_.every("analytics.prune", kPruneInterval, [&counting] {
      if (Status s = counting.prune(); !s.ok()) {
        log_warn("analytics", "pruning failed", {{"error", s.error().message}});
      }
    });
    return ok_status();
  }

  std::optional<std::string> cursor_key_;
  BeaconLimits limits_;
  std::unique_ptr<AnalyticsRuntime> runtime_;
  service::Chassis chassis_;  // last: stops the consumers using runtime_
};

}  // namespace

std::unique_ptr<AnalyticsService> make_analytics_service(const service::ServiceEnv& env) {
  return std::make_unique<AnalyticsServiceImpl>(env);
}

}  // namespace sp::analytics
