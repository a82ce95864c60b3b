#include "event_log_backends_test.hpp"

#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/testing/postgres.hpp"

namespace sp::events::testing {
namespace {

LogBackend embedded() {
  return {"embedded", [] { return std::nullopt; },
          [](const TempDir& dir) {
            EventLogOptions o;
            o.backend = "embedded";
            o.path = dir.file("events.db");
            return o;
          },
          [](const EventLogOptions&) {}};
}

LogBackend postgres() {
  return {
      "postgres", [] { return db::testing::backend_unavailable_reason("postgres"); },
      [](const TempDir&) {
        EventLogOptions o;
        o.backend = "postgres";
        o.postgres_dsn = db::testing::postgres_dsn_for_tests().value_or("");
        o.postgres_schema = db::testing::unique_schema_name("sp_events");
        return o;
      },
      [](const EventLogOptions& o) {
        db::DatabaseOptions admin_options;
        admin_options.backend = "postgres";
        admin_options.postgres_dsn = o.postgres_dsn;
        admin_options.pool_size = 1;
        auto admin = db::Database::open(admin_options);
        if (admin.ok()) {
          (void)(*admin)->execute("DROP SCHEMA IF EXISTS \"" + o.postgres_schema + "\" CASCADE");
        }
      }};
}

}  // namespace

std::vector<LogBackend> log_backends() {
  return {embedded(), postgres()};
}

}  // namespace sp::events::testing
