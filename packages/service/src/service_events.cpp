#include "strangeprompt/service/service_events.hpp"

#include <string>

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::service {

events::EventLogOptions event_log_options(const Config& config, std::string_view data_dir,
                                          const Clock& clock) {
  return {.backend = config.get("events.backend", "embedded"),
          .path = config.get("events.path", std::string(data_dir) + "/events.db"),
          .postgres_dsn = config.get("events.postgres_dsn", config.get("db.postgres_dsn")),
          .postgres_schema = config.get("events.postgres_schema", "events"),
          .clock = &clock};
}

Result<std::unique_ptr<events::EventLog>> open_event_log(const Config& config,
                                                         std::string_view data_dir,
                                                         const Clock& clock) {
  return events::EventLog::open(event_log_options(config, data_dir, clock));
}

}  // namespace sp::service
