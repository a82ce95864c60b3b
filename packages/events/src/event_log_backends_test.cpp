#include "event_log_backends_test.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>

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

std::optional<std::string> kafka_brokers_for_tests() {
  const char* file = std::getenv("SP_TEST_KAFKA_BROKERS_FILE");
  if (file == nullptr || *file == '\0') return std::nullopt;
  std::ifstream in(file);
  std::string brokers;
  if (!std::getline(in, brokers) || brokers.empty()) return std::nullopt;
  return brokers;
}

namespace {

// The mock cluster (scripts/kafka-test-cluster) lives for the whole ctest run, so each test gets
// topics of its own through a unique topic prefix; nothing needs removing afterwards.
LogBackend kafka() {
  return {"kafka",
          []() -> std::optional<std::string> {
            if (kafka_brokers_for_tests()) return std::nullopt;
            return "SP_TEST_KAFKA_BROKERS_FILE names no broker list (run under ctest's kafka "
                   "fixture)";
          },
          [](const TempDir&) {
            static std::atomic<int> counter{0};
            EventLogOptions o;
            o.backend = "kafka";
            o.kafka_brokers = kafka_brokers_for_tests().value_or("");
            o.kafka_topic_prefix = "sp-test-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(std::rand()) + "-" + std::to_string(counter++) +
                                   ".";
            return o;
          },
          [](const EventLogOptions&) {}};
}

}  // namespace

std::vector<LogBackend> log_backends() {
  return {embedded(), postgres(), kafka()};
}

}  // namespace sp::events::testing
