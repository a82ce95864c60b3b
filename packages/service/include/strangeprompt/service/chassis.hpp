#pragma once
// Chassis: what every service does besides its own logic, so a service's Service class only wires
// its runtime. A service owns one Chassis (declared as its LAST member, so it is destroyed first
// and stops the background work before the objects that work uses are gone) and forwards to it:
//   read_settings  its database settings (<name>.db.*, db.*), events.*, node_id, then the
//                  service's own through `read_own`
//   migrate        opens the database from config on first use, applies the service's migrations
//                  and the outbox table (events::Outbox::ensure_schema)
//   start          migrate, open (or share) the event log, run the service's `build` step (which
//                  builds its runtime and declares consumers and every() work), start the outbox
//                  relay, the consumers and the periodic work, then open the ready gate
//   stop           close the gate, stop periodic work, consumers and the relay (each returns
//                  promptly: none waits out its period)
// plus the `<name>.database` readiness check and gated(), which answers 503 "<name> is starting"
// before the gate opens. Thread-safety: started(), gated handlers and readiness run on any thread;
// the rest is called by the composition root, one call at a time.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "strangeprompt/core/periodic.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/events/consumer.hpp"
#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/events/outbox.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/service/service.hpp"

namespace sp::service {

class Chassis {
 public:
  // Applies the service's own pending migrations to `db`; returns how many were applied.
  using Migrations = std::function<Result<int>(db::Database& db)>;
  // Reads the service's own settings (e.g. `auth.*`), recording bad ones.
  using SettingsHook = std::function<void(SettingsReader& settings)>;

  // `env` is copied; what it references outlives the chassis.
  Chassis(const ServiceEnv& env, std::string name, Migrations migrations,
          SettingsHook read_own = {});
  ~Chassis();  // stop()
  Chassis(const Chassis&) = delete;
  Chassis& operator=(const Chassis&) = delete;

  const std::string& name() const { return name_; }
  const ServiceEnv& env() const { return env_; }
  uint32_t node_id() const { return node_id_; }  // `node_id` (0..1023): replica id in new ids

  void read_settings(SettingsReader& settings);
  Result<int> migrate();
  // Runs `build` once, on the first start(); a start() after stop() restarts the background work.
  Status start(const std::function<Status()>& build);
  void stop();
  // True between a successful start() and stop(); what the service's runtime is published after.
  bool started() const { return started_.load(std::memory_order_acquire); }

  // Valid after migrate() (and so inside build and after start()).
  db::Database& database() { return *db_; }
  // Valid inside build and after start(): the process's shared log or the one the chassis opened.
  events::EventLog& event_log() { return *event_log_; }

  // A consumer of (group, topic), e.g. ("analytics.views.v1", "gallery.views"), handled
  // at-least-once (ConsumerRunner); declare it before start() or inside build. A bad group or
  // topic fails start().
  void consume(std::string group, std::string topic, events::ConsumerRunner::Handler handler);
  // Declared inside build (or before start): runs `fn` at once and then every `period` on its own
  // thread until stop(). `task` names it in logs.
  void every(std::string task, std::chrono::milliseconds period, std::function<void()> fn);

  // "<name>.database": unavailable before start, else the database's ping.
  ReadinessCheck database_check() const;
  // kUnavailable "<name> is starting" (503 + Retry-After).
  Error starting_error() const;
  // Wraps a handler so it answers starting_error() as problem+json until the gate opens.
  http::Handler gated(http::Handler handler) const;

 private:
  struct ConsumerSpec {
    std::string group;
    std::string topic;
    events::ConsumerRunner::Handler handler;
  };
  Status ensure_settings();
  void add_consumer(ConsumerSpec spec);

  const ServiceEnv env_;
  const std::string name_;
  Migrations migrations_;
  SettingsHook read_own_;
  std::optional<db::DatabaseOptions> db_options_;          // set by read_settings
  std::optional<events::EventLogOptions> events_options_;  // set by read_settings
  uint32_t node_id_ = 0;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<events::EventLog> owned_event_log_;  // when env.event_log is null
  events::EventLog* event_log_ = nullptr;
  bool built_ = false;
  std::unique_ptr<events::OutboxRelay> relay_;
  std::vector<ConsumerSpec> declared_;  // consume() before the event log was open
  std::vector<std::shared_ptr<events::ConsumerRunner>>
      consumers_;  // shared: lag gauges hold weak_ptrs
  std::vector<std::unique_ptr<PeriodicTask>> tasks_;
  std::atomic<bool> started_{false};
};

}  // namespace sp::service
