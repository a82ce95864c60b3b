#include "strangeprompt/service/service_events.hpp"

#include <string>

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::service {

events::EventLogOptions event_log_options(SettingsReader& settings, std::string_view data_dir,
                                          const Clock& clock) {
  events::EventLogOptions options{
      .backend = settings.one_of("events.backend", "embedded", {"embedded", "postgres", "kafka"}),
      .path = settings.text("events.path", std::string(data_dir) + "/events.db"),
      .postgres_dsn = settings.text("events.postgres_dsn", settings.text("db.postgres_dsn", "")),
      .postgres_schema = settings.text("events.postgres_schema", "events"),
      .kafka_brokers = settings.text("events.kafka.brokers", ""),
      .kafka_topic_prefix = settings.text("events.kafka.topic_prefix", ""),
      .clock = &clock};
  if (options.backend == "postgres" && options.postgres_dsn.empty()) {
    settings.reject("events.postgres_dsn", "must be set (or db.postgres_dsn) for postgres");
  }
  if (options.backend == "kafka" && options.kafka_brokers.empty()) {
    settings.reject("events.kafka.brokers", "must be set (host:port,host:port) for kafka");
  }
  return options;
}

Result<std::unique_ptr<events::EventLog>> open_event_log(const Config& config,
                                                         std::string_view data_dir,
                                                         const Clock& clock) {
  SettingsReader settings(config);
  events::EventLogOptions options = event_log_options(settings, data_dir, clock);
  SP_TRY(settings.status());
  return events::EventLog::open(options);
}

}  // namespace sp::service
