#pragma once
// Test support shared by every conformance suite that runs against PostgreSQL. The server comes
// from the `postgres` CTest fixture (cmake/Postgres.cmake) or from SP_TEST_POSTGRES_DSN.
#include <optional>
#include <string>
#include <string_view>

namespace sp::db::testing {

// SP_TEST_POSTGRES_DSN, else the first line of the file named by SP_TEST_POSTGRES_CONNINFO_FILE,
// else nullopt (tests then GTEST_SKIP). Throws std::runtime_error when the file is named but
// unreadable or empty: a broken fixture must fail the tests, not skip them.
std::optional<std::string> postgres_dsn_for_tests();

// A fresh lowercase identifier, unique across processes and calls: "<prefix>_<pid>_<n>_<random>".
std::string unique_schema_name(std::string_view prefix = "t");

// Why `backend` cannot run here ("postgres" without a configured server), or nullopt.
std::optional<std::string> backend_unavailable_reason(std::string_view backend);

}  // namespace sp::db::testing
