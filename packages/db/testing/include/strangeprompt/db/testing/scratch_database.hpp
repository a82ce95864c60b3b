#pragma once
// A throwaway database for one test: a new SQLite file in its own temporary directory, or a new
// schema on the test PostgreSQL server. Removed (directory / DROP SCHEMA ... CASCADE) on
// destruction, after the Database handle is closed.
#include <memory>
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/db/database.hpp"

namespace sp::db::testing {

class ScratchDatabase {
 public:
  // `backend` is "sqlite" or "postgres"; `base` supplies pool size and timeouts. kUnavailable
  // when PostgreSQL is asked for but not configured (check backend_unavailable_reason first).
  static Result<std::unique_ptr<ScratchDatabase>> create(std::string_view backend,
                                                         DatabaseOptions base = {});
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  Database& db() { return *db_; }
  // Options that open the same data again (a second handle, as another process would).
  const DatabaseOptions& options() const { return options_; }

 private:
  explicit ScratchDatabase(DatabaseOptions options) : options_(std::move(options)) {}

  DatabaseOptions options_;
  std::unique_ptr<sp::testing::TempDir> sqlite_dir_;  // null for PostgreSQL
  std::unique_ptr<Database> db_;
};

}  // namespace sp::db::testing
