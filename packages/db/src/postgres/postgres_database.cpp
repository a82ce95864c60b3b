// PostgreSQL adapter: a pool of libpq connections; every call borrows one for its duration,
// transact keeps one from BEGIN to COMMIT.
#include "adapters.hpp"
#include "connection_pool.hpp"
#include "postgres/pg_connection.hpp"
#include "transaction.hpp"
#include "write_scope.hpp"

namespace sp::db {
namespace {

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(const DatabaseOptions& options)
      : pool_(static_cast<std::size_t>(options.pool_size),
              std::chrono::milliseconds(options.busy_timeout_ms),
              [dsn = options.postgres_dsn, schema = options.postgres_schema] {
                return PgConnection::connect(dsn, schema);
              }) {}

  Result<Rows> query(std::string_view sql, const Params& params) override {
    SP_ASSIGN_OR_RETURN(auto conn, pool_.acquire());
    return conn->query(sql, params);
  }

  Result<int64_t> execute(std::string_view sql, const Params& params) override {
    // Another connection would wait forever on the row locks the open transaction holds.
    if (WriteScope::active(this)) {
      return Error::internal_error(
          "nested write on the same database inside transact; use the Session");
    }
    SP_ASSIGN_OR_RETURN(auto conn, pool_.acquire());
    return conn->execute(sql, params);
  }

  Status transact(const std::function<Status(Session&)>& body) override {
    if (WriteScope::active(this)) {
      return Error::internal_error(
          "nested write on the same database inside transact; use the Session");
    }
    SP_ASSIGN_OR_RETURN(auto conn, pool_.acquire());
    WriteScope scope(this);
    return run_transaction(*conn, Dialect::kPostgres, "BEGIN", body);
  }

  Status ping() override {
    SP_ASSIGN_OR_RETURN(auto conn, pool_.acquire());
    return conn->execute_script("SELECT 1");
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  // Keeps the connection opened at start-up to check the DSN and schema.
  void adopt(std::unique_ptr<PgConnection> conn) { pool_.adopt(std::move(conn)); }

 private:
  ConnectionPool<PgConnection> pool_;
};

}  // namespace

Result<std::unique_ptr<Database>> open_postgres(const DatabaseOptions& options) {
  if (options.postgres_dsn.empty()) {
    return Error::invalid("postgres_dsn is required for the postgres backend");
  }
  SP_ASSIGN_OR_RETURN(auto first,
                      PgConnection::connect(options.postgres_dsn, options.postgres_schema));
  auto db = std::make_unique<PostgresDatabase>(options);
  db->adopt(std::move(first));
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace sp::db
