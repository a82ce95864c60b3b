#pragma once
// The EventLog backends the conformance suite runs on. PostgreSQL runs when a test server is
// configured (sp_db_testing) and skips otherwise; each test gets its own schema, dropped
// afterwards.
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "strangeprompt/events/event_log.hpp"
#include "test_support.hpp"

namespace sp::events::testing {

struct LogBackend {
  std::string name;
  // Why this backend cannot run here, or nullopt.
  std::function<std::optional<std::string>()> unavailable;
  // Options for a fresh, empty log in `dir`; opening them again reopens the same log.
  std::function<EventLogOptions(const TempDir& dir)> fresh;
  // Removes what `fresh` created outside `dir`.
  std::function<void(const EventLogOptions&)> cleanup;

  friend void PrintTo(const LogBackend& b, std::ostream* os) { *os << b.name; }
};

std::vector<LogBackend> log_backends();

// The mock cluster's bootstrap list from the file named by SP_TEST_KAFKA_BROKERS_FILE (the ctest
// fixture `kafka`), or nullopt outside it.
std::optional<std::string> kafka_brokers_for_tests();

}  // namespace sp::events::testing
