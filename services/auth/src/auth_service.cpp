// AuthService: opens the auth database and event log, builds the AuthRuntime, relays the outbox.
#include "strangeprompt/auth/auth_service.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "auth_runtime.hpp"
#include "handlers/routes.hpp"
#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/events/outbox.hpp"
#include "strangeprompt/service/revoked_sessions.hpp"
#include "strangeprompt/service/service_database.hpp"
#include "strangeprompt/service/service_events.hpp"

namespace sp::auth {
namespace {

// How often the scheduled signing-key rotation checks the current key's age.
constexpr std::chrono::seconds kKeyRotationCheckInterval{60};

class AuthServiceImpl final : public AuthService {
 public:
  AuthServiceImpl(const service::ServiceEnv& env, events::EventLog* event_log)
      : env_(env), event_log_(event_log) {}
  ~AuthServiceImpl() override { stop(); }

  std::string_view name() const override { return "auth"; }

  Result<int> migrate() override {
    if (!db_) {
      SP_ASSIGN_OR_RETURN(db_, service::open_service_database(env_.config, "auth", env_.data_dir));
    }
    return migrate_auth_store(*db_);
  }

  Status start() override {
    if (runtime_) return ok_status();
    SP_TRY(migrate());
    if (event_log_ == nullptr) {
      SP_ASSIGN_OR_RETURN(owned_event_log_,
                          service::open_event_log(env_.config, env_.data_dir, env_.clock));
      event_log_ = owned_event_log_.get();
    }
    SP_ASSIGN_OR_RETURN(
        runtime_,
        AuthRuntime::open(*db_, env_.clock, AuthSettings::from_config(env_.config),
                          static_cast<uint32_t>(env_.config.get_int("node_id", 0)), env_.metrics));
    relay_ = std::make_unique<events::OutboxRelay>(*db_, *event_log_);
    relay_->start();
    // Sessions other replicas end reach this replica's authenticator through the event.
    session_feed_ = std::make_unique<service::SessionEndFeed>(
        *event_log_, runtime_->revoked_sessions(), service::process_group("auth.sessions"));
    SP_TRY(session_feed_->start());
    ready_.store(runtime_.get());
    if (runtime_->settings().key_rotation_period.count() > 0) {
      {
        std::lock_guard lock(rotation_mu_);
        stopping_ = false;
      }
      rotation_thread_ = std::thread([this] { run_key_rotation(); });
    }
    return ok_status();
  }

  void register_routes(http::Router& router) override {
    register_auth_routes(router, [this]() -> const AuthFlows* {
      const AuthRuntime* rt = ready_.load();
      return rt != nullptr ? &rt->flows() : nullptr;
    });
  }

  std::vector<service::ReadinessCheck> readiness() const override {
    return {{"auth.database", [this]() -> Status {
               if (ready_.load() == nullptr) return Error::unavailable("auth is not started");
               return db_->ping();
             }}};
  }

  void stop() override {
    {
      std::lock_guard lock(rotation_mu_);
      stopping_ = true;
    }
    rotation_cv_.notify_all();
    if (rotation_thread_.joinable()) rotation_thread_.join();
    if (session_feed_) session_feed_->stop();
    if (relay_) relay_->stop();
  }

  http::Authenticator authenticator() override {
    return [this](std::string_view authorization) -> Result<http::Principal> {
      const AuthRuntime* rt = ready_.load();
      if (rt == nullptr) return Error::unavailable("auth service is starting");
      return rt->authenticator().authenticate(authorization);
    };
  }

  std::string jwks_json() const override {
    AuthRuntime* rt = ready_.load();
    return rt != nullptr ? rt->keys().jwks_json() : std::string("{\"keys\":[]}");
  }

  Status rotate_signing_key() override {
    AuthRuntime* rt = ready_.load();
    if (rt == nullptr) return Error::unavailable("auth service is not started");
    return rt->keys().rotate();
  }

 private:
  // Background loop: checks (at once, then every kKeyRotationCheckInterval) whether the current
  // signing key is due for rotation; stop() wakes it through rotation_cv_.
  void run_key_rotation() {
    std::unique_lock lock(rotation_mu_);
    while (!stopping_) {
      lock.unlock();
      Result<bool> rotated = runtime_->keys().rotate_if_due();
      if (!rotated.ok()) {
        log_warn("auth", "scheduled signing key rotation failed",
                 {{"detail", rotated.error().internal}});
      }
      lock.lock();
      rotation_cv_.wait_for(lock, kKeyRotationCheckInterval, [this] { return stopping_; });
    }
  }

  const service::ServiceEnv env_;  // a copy: its references outlive the service
  events::EventLog* event_log_;
  std::unique_ptr<events::EventLog> owned_event_log_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<AuthRuntime> runtime_;
  std::unique_ptr<events::OutboxRelay> relay_;
  std::unique_ptr<service::SessionEndFeed> session_feed_;
  std::atomic<AuthRuntime*> ready_{nullptr};  // set once start() has built runtime_
  std::mutex rotation_mu_;
  std::condition_variable rotation_cv_;
  bool stopping_ = false;  // guarded by rotation_mu_
  std::thread rotation_thread_;
};

}  // namespace

std::unique_ptr<AuthService> make_auth_service(const service::ServiceEnv& env,
                                               events::EventLog* event_log) {
  return std::make_unique<AuthServiceImpl>(env, event_log);
}

}  // namespace sp::auth
