#include "strangeprompt/db/testing/postgres.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

namespace sp::db::testing {
namespace {

std::string trimmed(std::string s) {
  const char* space = " \t\r\n";
  s.erase(0, s.find_first_not_of(space));
  s.erase(s.find_last_not_of(space) + 1);
  return s;
}

}  // namespace

std::optional<std::string> postgres_dsn_for_tests() {
  if (const char* dsn = std::getenv("SP_TEST_POSTGRES_DSN"); dsn != nullptr && *dsn != '\0') {
    return std::string(dsn);
  }
  const char* file = std::getenv("SP_TEST_POSTGRES_CONNINFO_FILE");
  if (file == nullptr || *file == '\0') return std::nullopt;
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line) || trimmed(line).empty()) {
    throw std::runtime_error(std::string("SP_TEST_POSTGRES_CONNINFO_FILE names ") + file +
                             ", which is missing or empty: did the pg_start fixture fail?");
  }
  return trimmed(line);
}

std::string unique_schema_name(std::string_view prefix) {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}();
  char suffix[64];
  std::snprintf(suffix, sizeof suffix, "_%d_%d_%08x", static_cast<int>(getpid()), ++counter, salt);
  std::string name;
  for (char c : prefix) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') name += c;
  }
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) name.insert(0, "t");
  return name + suffix;
}

std::optional<std::string> backend_unavailable_reason(std::string_view backend) {
  if (backend != "postgres" || postgres_dsn_for_tests()) return std::nullopt;
  return "no PostgreSQL server for tests: set SP_TEST_POSTGRES_DSN, or run through ctest, whose "
         "pg_start fixture sets SP_TEST_POSTGRES_CONNINFO_FILE";
}

}  // namespace sp::db::testing
