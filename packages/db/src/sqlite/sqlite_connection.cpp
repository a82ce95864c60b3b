#include "sqlite/sqlite_connection.hpp"

#include <utility>
#include <vector>

#include "sqlite/sqlite_error.hpp"

namespace sp::db {

// A statement in use: reset and unbound (cached) or finalized (one-off) when it goes out of scope.
class SqliteConnection::Statement {
 public:
  Statement(sqlite3_stmt* stmt, bool owned) : stmt_(stmt), owned_(owned) {}
  Statement(Statement&& other) noexcept
      : stmt_(std::exchange(other.stmt_, nullptr)), owned_(other.owned_) {}
  Statement& operator=(Statement&&) = delete;
  ~Statement() {
    if (stmt_ == nullptr) return;
    if (owned_) {
      sqlite3_finalize(stmt_);
    } else {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
  }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_;
  bool owned_;
};

namespace {

Result<int> exec_pragma(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    Error e = sqlite_error(sqlite3_extended_errcode(db), message ? message : sqlite3_errstr(rc));
    sqlite3_free(message);
    return e;
  }
  return rc;
}

bool only_trailing_noise(const char* tail, const char* end) {
  for (; tail < end; ++tail) {
    char c = *tail;
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ';') return false;
  }
  return true;
}

Value column_value(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER:
      return Value(static_cast<int64_t>(sqlite3_column_int64(stmt, i)));
    case SQLITE_FLOAT:
      return Value(sqlite3_column_double(stmt, i));
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
      return Value(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i))));
    }
    case SQLITE_BLOB: {
      const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt, i));
      auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, i));
      return Value(data ? Bytes(data, data + size) : Bytes());
    }
    default:
      return Value();
  }
}

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path, Role role,
                                                                 const Tuning& tuning) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (role == Role::kWriter) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(raw));
  if (rc != SQLITE_OK) {
    Error e = Error::unavailable("database cannot be opened");
    e.internal = "sqlite open " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
    return e;
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, tuning.busy_timeout_ms);
  if (tuning.cache_mib > 0) {
    SP_TRY(exec_pragma(raw, "PRAGMA cache_size=-" +
                                std::to_string(static_cast<int64_t>(tuning.cache_mib) * 1024)));
  }
  SP_TRY(exec_pragma(
      raw, "PRAGMA mmap_size=" + std::to_string(static_cast<int64_t>(tuning.mmap_mib) << 20)));
  if (role == Role::kWriter) {
    SP_TRY(exec_pragma(raw, "PRAGMA journal_mode=WAL"));
    SP_TRY(exec_pragma(raw, "PRAGMA synchronous=NORMAL"));
    SP_TRY(exec_pragma(raw, "PRAGMA foreign_keys=ON"));
  } else {
    SP_TRY(exec_pragma(raw, "PRAGMA query_only=ON"));
  }
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Error SqliteConnection::last_error() const {
  return sqlite_error(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_));
}

Result<SqliteConnection::Statement> SqliteConnection::prepare(std::string_view sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) return Statement(it->second, false);
  bool cacheable = cache_.size() < kMaxCachedStatements;
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              cacheable ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, &tail);
  if (rc != SQLITE_OK) return last_error();
  if (stmt == nullptr) return Error::internal_error("sqlite: empty statement");
  if (!only_trailing_noise(tail, sql.data() + sql.size())) {
    sqlite3_finalize(stmt);
    return Error::internal_error("sqlite: one statement expected, use execute_script for several");
  }
  if (!cacheable) return Statement(stmt, true);
  cache_.emplace(std::string(sql), stmt);
  return Statement(stmt, false);
}

Status SqliteConnection::bind(sqlite3_stmt* stmt, const Params& params) {
  int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    return Error::internal_error("sqlite: statement takes " + std::to_string(expected) +
                                 " parameters, got " + std::to_string(params.size()));
  }
  for (int i = 0; i < expected; ++i) {
    const Value::Storage& v = params[static_cast<std::size_t>(i)].storage();
    int at = i + 1;
    int rc = SQLITE_OK;
    // SQLITE_STATIC: params outlive the step, and bindings are cleared right after.
    if (const auto* n = std::get_if<int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, at, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, at, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text64(stmt, at, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else if (const auto* b = std::get_if<Bytes>(&v)) {
      rc = b->empty() ? sqlite3_bind_zeroblob(stmt, at, 0)
                      : sqlite3_bind_blob64(stmt, at, b->data(), b->size(), SQLITE_STATIC);
    } else {
      rc = sqlite3_bind_null(stmt, at);
    }
    if (rc != SQLITE_OK) return last_error();
  }
  return ok_status();
}

Result<Rows> SqliteConnection::query(std::string_view sql, const Params& params) {
  SP_ASSIGN_OR_RETURN(Statement stmt, prepare(sql));
  SP_TRY(bind(stmt.get(), params));
  Rows out;
  int columns = sqlite3_column_count(stmt.get());
  out.columns.reserve(static_cast<std::size_t>(columns));
  for (int i = 0; i < columns; ++i) out.columns.emplace_back(sqlite3_column_name(stmt.get(), i));
  for (;;) {
    int rc = sqlite3_step(stmt.get());
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return last_error();
    std::vector<Value> cells;
    cells.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i) cells.push_back(column_value(stmt.get(), i));
    out.rows.emplace_back(std::move(cells));
  }
  return out;
}

Result<int64_t> SqliteConnection::execute(std::string_view sql, const Params& params) {
  SP_ASSIGN_OR_RETURN(Statement stmt, prepare(sql));
  SP_TRY(bind(stmt.get(), params));
  sqlite3_int64 before = sqlite3_total_changes64(db_);
  int rc = SQLITE_ROW;
  while (rc == SQLITE_ROW) rc = sqlite3_step(stmt.get());  // RETURNING rows are discarded
  if (rc != SQLITE_DONE) return last_error();
  // sqlite3_changes64 keeps the previous DML count across DDL; report 0 when nothing changed.
  if (sqlite3_total_changes64(db_) == before) return int64_t{0};
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Status SqliteConnection::execute_script(std::string_view sql) {
  std::string text(sql);  // sqlite3_exec needs a terminated string
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return ok_status();
  Error e = sqlite_error(sqlite3_extended_errcode(db_), message ? message : sqlite3_errstr(rc));
  sqlite3_free(message);
  return e;
}

void SqliteConnection::abandon_open_transaction() {
  if (sqlite3_get_autocommit(db_) == 0) (void)execute_script("ROLLBACK");
}

}  // namespace sp::db
