#pragma once
// The process's event log from config: `events.backend` ("embedded" default, "postgres",
// "kafka"), `events.path` (default <data_dir>/events.db), `events.postgres_dsn` (default
// `db.postgres_dsn`), `events.postgres_schema` (default "events"), `events.kafka.brokers`
// ("host:port,host:port", required for kafka), `events.kafka.topic_prefix` (default "").
#include <memory>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp {
class Config;
class Clock;
class SettingsReader;
}  // namespace sp
namespace sp::events {
class EventLog;
struct EventLogOptions;
}  // namespace sp::events

namespace sp::service {

// Bad values are recorded in `settings` (and their defaults returned).
events::EventLogOptions event_log_options(SettingsReader& settings, std::string_view data_dir,
                                          const Clock& clock);
// kInvalidArgument listing every bad key, else the adapter's result.
Result<std::unique_ptr<events::EventLog>> open_event_log(const Config& config,
                                                         std::string_view data_dir,
                                                         const Clock& clock);

}  // namespace sp::service
