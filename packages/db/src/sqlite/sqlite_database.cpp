// SQLite adapter: one writer connection behind a mutex (SQLite allows one writer at a time
// anyway) and a pool of query_only readers, which WAL lets run alongside the writer.
#include <filesystem>
#include <mutex>
#include <system_error>

#include "adapters.hpp"
#include "connection_pool.hpp"
#include "sqlite/sqlite_connection.hpp"
#include "transaction.hpp"
#include "write_scope.hpp"

namespace sp::db {
namespace {

Error nested_write_error() {
  return Error::internal_error(
      "nested write on the same database inside transact; use the Session");
}

SqliteConnection::Tuning tuning_of(const DatabaseOptions& options) {
  return {options.busy_timeout_ms, options.sqlite_cache_mib, options.sqlite_mmap_mib};
}

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, std::unique_ptr<SqliteConnection> writer,
                 const DatabaseOptions& options)
      : writer_(std::move(writer)),
        readers_(static_cast<std::size_t>(options.pool_size),
                 std::chrono::milliseconds(options.busy_timeout_ms),
                 [path = std::move(path), tuning = tuning_of(options)] {
                   return SqliteConnection::open(path, SqliteConnection::Role::kReader, tuning);
                 }) {}

  Result<Rows> query(std::string_view sql, const Params& params) override {
    SP_ASSIGN_OR_RETURN(auto reader, readers_.acquire());
    return reader->query(sql, params);
  }

  Result<int64_t> execute(std::string_view sql, const Params& params) override {
    if (WriteScope::active(this)) return nested_write_error();
    std::lock_guard lock(writer_mu_);
    return writer_->execute(sql, params);
  }

  Status transact(const std::function<Status(Session&)>& body) override {
    if (WriteScope::active(this)) return nested_write_error();
    std::lock_guard lock(writer_mu_);
    WriteScope scope(this);
    writer_->abandon_open_transaction();
    return run_transaction(*writer_, Dialect::kSqlite, "BEGIN IMMEDIATE", body);
  }

  Status ping() override {
    Result<Rows> probe = query("SELECT 1", {});
    if (!probe.ok()) return probe.error();
    return ok_status();
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  // Opens one reader up front so a bad path fails at open, not at the first query.
  Status warm_up() {
    auto reader = readers_.acquire();
    if (!reader.ok()) return reader.error();
    return ok_status();
  }

 private:
  std::mutex writer_mu_;
  std::unique_ptr<SqliteConnection> writer_;  // guarded by writer_mu_
  ConnectionPool<SqliteConnection> readers_;
};

bool is_memory_path(const std::string& path) {
  return path == ":memory:" || path.find("mode=memory") != std::string::npos ||
         path.rfind("file::memory:", 0) == 0;
}

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite(const DatabaseOptions& options) {
  const std::string& path = options.sqlite_path;
  if (path.empty()) return Error::invalid("sqlite_path is required for the sqlite backend");
  if (is_memory_path(path)) {
    return Error::invalid(
        "sqlite_path ':memory:' is not supported: every connection would see its "
        "own database; use a temporary file");
  }
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) {
      Error e = Error::unavailable("database directory cannot be created");
      e.internal = "create_directories " + parent.string() + ": " + ec.message();
      return e;
    }
  }
  SP_ASSIGN_OR_RETURN(auto writer, SqliteConnection::open(path, SqliteConnection::Role::kWriter,
                                                          tuning_of(options)));
  auto db = std::make_unique<SqliteDatabase>(path, std::move(writer), options);
  SP_TRY(db->warm_up());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace sp::db
