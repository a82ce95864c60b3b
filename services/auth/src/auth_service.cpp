// AuthService: the auth runtime on the service chassis (database, outbox relay, ready gate) plus
// the scheduled signing-key rotation.
#include "strangeprompt/auth/auth_service.hpp"

#include <chrono>
#include <optional>

#include "auth_runtime.hpp"
#include "handlers/routes.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/service/chassis.hpp"
#include "strangeprompt/service/revoked_sessions.hpp"

namespace sp::auth {
namespace {

// How often the scheduled signing-key rotation checks the current key's age.
constexpr std::chrono::seconds kKeyRotationCheckInterval{60};

class AuthServiceImpl final : public AuthService {
 public:
  explicit AuthServiceImpl(const service::ServiceEnv& env)
      : chassis_(env, "auth", migrate_auth_store,
                 [this](SettingsReader& r) { settings_ = AuthSettings::read(r); }) {}
  // The session feed's thread reads the chassis's event log: stop it before the chassis goes.
  ~AuthServiceImpl() override { stop(); }

  std::string_view name() const override { return chassis_.name(); }
  void read_settings(SettingsReader& settings) override { chassis_.read_settings(settings); }
  Result<int> migrate() override { return chassis_.migrate(); }
  Status start() override {
    SP_TRY(chassis_.start([this] { return build(); }));
    // Sessions other replicas end reach this replica's authenticator through the event.
    return session_feed_->start();
  }
  void stop() override {
    if (session_feed_) session_feed_->stop();
    chassis_.stop();
  }
  std::vector<service::ReadinessCheck> readiness() const override {
    return {chassis_.database_check()};
  }

  void register_routes(http::Router& router) override {
    register_auth_routes(router, [this]() -> const AuthFlows* {
      const AuthRuntime* rt = ready();
      return rt != nullptr ? &rt->flows() : nullptr;
    });
  }

  http::Authenticator authenticator() override {
    return [this](std::string_view authorization) -> Result<http::Principal> {
      const AuthRuntime* rt = ready();
      if (rt == nullptr) return chassis_.starting_error();
      return rt->authenticator().authenticate(authorization);
    };
  }

  std::string jwks_json() const override {
    const AuthRuntime* rt = ready();
    return rt != nullptr ? runtime_->keys().jwks_json() : std::string("{\"keys\":[]}");
  }

  Status rotate_signing_key() override {
    if (ready() == nullptr) return Error::unavailable("auth service is not started");
    return runtime_->keys().rotate();
  }

 private:
  // start()'s build step: the runtime over the migrated database, and the rotation schedule.
  Status build() {
    const service::ServiceEnv& env = chassis_.env();
    SP_ASSIGN_OR_RETURN(runtime_, AuthRuntime::open(chassis_.database(), env.clock, *settings_,
                                                    chassis_.node_id(), env.metrics));
    session_feed_ = std::make_unique<service::SessionEndFeed>(
        chassis_.event_log(), runtime_->revoked_sessions(),
        service::process_group("auth.sessions"));
    if (settings_->key_rotation_period.count() > 0) {
      chassis_.every("auth.key_rotation", kKeyRotationCheckInterval, [this] { rotate_if_due(); });
    }
    return ok_status();
  }

  void rotate_if_due() {
    Result<bool> rotated = runtime_->keys().rotate_if_due();
    if (!rotated.ok()) {
      log_warn("auth", "scheduled signing key rotation failed",
               {{"error", rotated.error().message}, {"detail", rotated.error().internal}});
    }
  }

  // The runtime once the ready gate is open, else null.
  const AuthRuntime* ready() const { return chassis_.started() ? runtime_.get() : nullptr; }

  std::optional<AuthSettings> settings_;  // read by the chassis before migrate/start
  std::unique_ptr<AuthRuntime> runtime_;  // built once in start(), published by the gate
  std::unique_ptr<service::SessionEndFeed> session_feed_;  // built with the runtime
  service::Chassis chassis_;  // last: stops the background work using runtime_
};

}  // namespace

std::unique_ptr<AuthService> make_auth_service(const service::ServiceEnv& env) {
  return std::make_unique<AuthServiceImpl>(env);
}

Status rotate_signing_key_once(const service::ServiceEnv& env) {
  std::optional<AuthSettings> settings;
  service::Chassis chassis(env, "auth", migrate_auth_store,
                           [&](SettingsReader& r) { settings = AuthSettings::read(r); });
  SP_TRY(chassis.migrate());  // reads the settings first: a bad one fails before any write
  SqlAuthStore store(chassis.database());
  SP_ASSIGN_OR_RETURN(auto keys, StoredKeyRing::open(store, env.clock, *settings));
  return keys->rotate();
}

}  // namespace sp::auth
