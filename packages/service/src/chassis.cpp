#include "strangeprompt/service/chassis.hpp"

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/metrics/metrics.hpp"
#include "strangeprompt/service/service_database.hpp"
#include "strangeprompt/service/service_events.hpp"

namespace sp::service {

Chassis::Chassis(const ServiceEnv& env, std::string name, Migrations migrations,
                 SettingsHook read_own)
    : env_(env),
      name_(std::move(name)),
      migrations_(std::move(migrations)),
      read_own_(std::move(read_own)) {}

Chassis::~Chassis() {
  stop();
}

void Chassis::read_settings(SettingsReader& settings) {
  db_options_ = database_options(settings, name_, env_.data_dir);
  if (env_.event_log == nullptr) {
    events_options_ = event_log_options(settings, env_.data_dir, env_.clock);
  }
  node_id_ = static_cast<uint32_t>(settings.integer("node_id", 0, 0, 1023));
  if (read_own_) read_own_(settings);
}

Status Chassis::ensure_settings() {
  if (db_options_) return ok_status();
  SettingsReader settings(env_.config);
  read_settings(settings);
  return settings.status();
}

Result<int> Chassis::migrate() {
  SP_TRY(ensure_settings());
  if (!db_) {
    SP_ASSIGN_OR_RETURN(db_, db::Database::open(*db_options_));
  }
  SP_ASSIGN_OR_RETURN(int applied, migrations_(*db_));
  SP_TRY(events::Outbox::ensure_schema(*db_));
  return applied;
}

Status Chassis::start(const std::function<Status()>& build) {
  if (started()) return ok_status();
  if (!built_) {
    SP_TRY(migrate());
    event_log_ = env_.event_log;
    if (event_log_ == nullptr) {
      SP_ASSIGN_OR_RETURN(owned_event_log_, events::EventLog::open(*events_options_));
      event_log_ = owned_event_log_.get();
    }
    relay_ = std::make_unique<events::OutboxRelay>(*db_, *event_log_);
    SP_TRY(build());
    built_ = true;
  }
  for (ConsumerSpec& spec : declared_) add_consumer(std::move(spec));
  declared_.clear();
  for (auto& consumer : consumers_) {
    if (Status s = consumer->start(); !s.ok()) {
      stop();
      return s;
    }
  }
  relay_->start();
  for (auto& task : tasks_) task->start();
  started_.store(true, std::memory_order_release);
  return ok_status();
}

void Chassis::stop() {
  started_.store(false, std::memory_order_release);
  for (auto& task : tasks_) task->stop();
  for (auto& consumer : consumers_) consumer->stop();
  if (relay_) relay_->stop();
}

void Chassis::consume(std::string group, std::string topic,
                      events::ConsumerRunner::Handler handler) {
  ConsumerSpec spec{std::move(group), std::move(topic), std::move(handler)};
  if (event_log_ == nullptr) {
    declared_.push_back(std::move(spec));  // before start: created once the log is open
    return;
  }
  add_consumer(std::move(spec));
  if (started()) {
    if (Status s = consumers_.back()->start(); !s.ok()) {
      log_error("service", "consumer did not start",
                {{"service", name_}, {"error", s.error().message}});
    }
  }
}

void Chassis::add_consumer(ConsumerSpec spec) {
  events::ConsumerOptions options;
  options.group = std::move(spec.group);
  options.topic = std::move(spec.topic);
  consumers_.push_back(
      std::make_shared<events::ConsumerRunner>(*event_log_, options, std::move(spec.handler)));
  if (env_.metrics != nullptr) {
    // Consumer lag per group (what a deployment scales consumers on); -1 when the log is down.
    std::weak_ptr<events::ConsumerRunner> weak = consumers_.back();
    env_.metrics->register_gauge(
        "sp_events_consumer_lag", "group=\"" + options.group + "\",topic=\"" + options.topic + "\"",
        "Records of a topic not yet committed by a consumer group.", [weak] {
          auto runner = weak.lock();
          if (!runner) return -1.0;
          auto lag = runner->lag();
          return lag.ok() ? static_cast<double>(*lag) : -1.0;
        });
  }
}

void Chassis::every(std::string task, std::chrono::milliseconds period, std::function<void()> fn) {
  tasks_.push_back(std::make_unique<PeriodicTask>(std::move(task), period, std::move(fn)));
  if (started()) tasks_.back()->start();
}

ReadinessCheck Chassis::database_check() const {
  return {name_ + ".database", [this]() -> Status {
            if (!started()) return starting_error();
            return db_->ping();
          }};
}

Error Chassis::starting_error() const {
  return Error::unavailable(name_ + " is starting");
}

http::Handler Chassis::gated(http::Handler handler) const {
  return [this, handler = std::move(handler)](http::Request& request) {
    if (!started()) return http::Response::problem(starting_error(), request.path);
    return handler(request);
  };
}

}  // namespace sp::service
