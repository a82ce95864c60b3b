#pragma once
// The Database port. SQL uses `?` positional placeholders on every engine (the PostgreSQL adapter
// rewrites them to $n outside string literals); statements are prepared and cached per connection.
// Unique-key violations come back as ErrorCode::kConflict; other engine errors as kInternal or,
// when the engine is unreachable or busy past its timeout, kUnavailable.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/value.hpp"

namespace sp::db {

enum class Dialect { kSqlite, kPostgres };
std::string_view to_string(Dialect d);

// What runs one statement: a Database (each statement on its own) and a Session (inside its
// transaction) alike. Store code and the helpers of statements.hpp take an Executor, so one
// function serves reads outside and inside a transaction.
class Executor {
 public:
  virtual ~Executor() = default;
  // Rows of a statement (Database: a read-only statement on a pooled reader connection).
  virtual Result<Rows> query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a write; returns the number of affected rows (Database: in its own transaction).
  virtual Result<int64_t> execute(std::string_view sql, const Params& params = {}) = 0;
  virtual Dialect dialect() const = 0;
};

// One connection, inside a transaction when obtained from Database::transact.
class Session : public Executor {
 public:
  // Several ';'-separated statements without parameters (migrations).
  virtual Status execute_script(std::string_view sql) = 0;
};

struct DatabaseOptions {
  std::string backend = "sqlite";  // "sqlite" | "postgres"
  std::string sqlite_path;         // file path; ":memory:" is not allowed (use a temp file)
  std::string postgres_dsn;        // libpq conninfo, e.g. "host=127.0.0.1 port=5432 dbname=sp"
  std::string postgres_schema;     // search_path for this service (created if missing)
  int pool_size = 4;               // readers (SQLite) / connections (PostgreSQL)
  int busy_timeout_ms = 5'000;
  // SQLite, per connection (writer and each reader): the page cache's ceiling (PRAGMA
  // cache_size, grown on demand, so a small file never uses it all) and how much of the file is
  // read through mmap (PRAGMA mmap_size; 0 turns it off). Ignored by PostgreSQL.
  int sqlite_cache_mib = 64;
  int sqlite_mmap_mib = 0;
};

// query() runs a read-only statement on a pooled reader connection; execute() a single write
// statement in its own transaction.
class Database : public Executor {
 public:
  // Picks the adapter from options.backend; kInvalidArgument for an unknown backend.
  static Result<std::unique_ptr<Database>> open(const DatabaseOptions& options);

  // Runs `body` in one write transaction: commits when it returns ok, rolls back otherwise
  // (and on exceptions, which are rethrown). Returns body's error unchanged. A failed statement
  // dooms the transaction on every engine: it rolls back with that error even if body ignores it.
  // Inside body, write through the Session: execute/transact on this Database fail (kInternal).
  virtual Status transact(const std::function<Status(Session&)>& body) = 0;
  virtual Status ping() = 0;
};

}  // namespace sp::db
