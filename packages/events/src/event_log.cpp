// EventLog::open: picks the adapter from EventLogOptions::backend.
#include "strangeprompt/events/event_log.hpp"
#include "kafka/kafka_event_log.hpp"
#include "sql_event_log.hpp"

namespace sp::events {

Result<std::unique_ptr<EventLog>> EventLog::open(const EventLogOptions& options) {
  const Clock& clock = options.clock != nullptr ? *options.clock : Clock::system();
  db::DatabaseOptions db_options;
  // Only this process appends to its file, so the condition variable alone wakes pollers.
  std::chrono::milliseconds recheck = std::chrono::hours(24);
  if (options.backend == "embedded") {
    if (options.path.empty()) return Error::invalid("events: embedded backend needs a path");
    db_options.backend = "sqlite";
    db_options.sqlite_path = options.path;
  } else if (options.backend == "postgres") {
    if (options.postgres_dsn.empty()) return Error::invalid("events: postgres backend needs a DSN");
    db_options.backend = "postgres";
    db_options.postgres_dsn = options.postgres_dsn;
    db_options.postgres_schema = options.postgres_schema;
    recheck = std::chrono::milliseconds{100};  // other processes append without waking us
  } else if (options.backend == "kafka") {
    return kafka::open_kafka_event_log(options, clock);
  } else {
    return Error::invalid("events: unknown backend '" + options.backend + "'");
  }
  SP_ASSIGN_OR_RETURN(auto db, db::Database::open(db_options));
  return SqlEventLog::create(std::move(db), clock, recheck);
}

}  // namespace sp::events
