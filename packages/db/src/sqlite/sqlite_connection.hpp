#pragma once
// One SQLite connection with its prepared-statement cache. Not thread-safe: the adapter hands
// each connection to one thread at a time (the writer mutex or the reader pool).
#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/value.hpp"
#include "string_key.hpp"

namespace sp::db {

class SqliteConnection {
 public:
  enum class Role { kWriter, kReader };

  struct Tuning {
    int busy_timeout_ms = 5'000;
    int cache_mib = 64;  // PRAGMA cache_size=-KiB; 0 keeps SQLite's default (2 MB)
    int mmap_mib = 0;    // PRAGMA mmap_size; 0 = no mmap
  };
  // Opens (creating when kWriter) the file and applies the role's pragmas and `tuning`.
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, Role role,
                                                        const Tuning& tuning);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Result<Rows> query(std::string_view sql, const Params& params);
  // Runs the statement to completion; returns the rows it changed.
  Result<int64_t> execute(std::string_view sql, const Params& params);
  Status execute_script(std::string_view sql);
  // Rolls back a transaction left open by an earlier failure (no-op in autocommit mode).
  void abandon_open_transaction();
  bool broken() const { return false; }  // a file handle does not drop like a socket

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}

  class Statement;
  // A cached statement for `sql`, or a one-off one once the cache is full.
  Result<Statement> prepare(std::string_view sql);
  Status bind(sqlite3_stmt* stmt, const Params& params);
  Error last_error() const;

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, SqlTextHash, std::equal_to<>> cache_;
};

}  // namespace sp::db
