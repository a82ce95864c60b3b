#pragma once
// One libpq connection with its prepared-statement cache (names sp_1, sp_2, ... keyed by the
// port's SQL text). Not thread-safe: the pool lends it to one thread at a time.
#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/value.hpp"
#include "string_key.hpp"

namespace sp::db {

class PgConnection {
 public:
  // Connects and, when `schema` is set, creates it if missing and makes it the search_path.
  static Result<std::unique_ptr<PgConnection>> connect(const std::string& dsn,
                                                       const std::string& schema);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Result<Rows> query(std::string_view sql, const Params& params);
  // Returns the affected row count reported by the server (0 for statements without one).
  Result<int64_t> execute(std::string_view sql, const Params& params);
  // Simple-query protocol: several statements, no parameters.
  Status execute_script(std::string_view sql);
  // True once the socket is gone; the pool then closes it and the next acquire reconnects.
  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }

 private:
  struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  using PgResult = std::unique_ptr<PGresult, ResultDeleter>;
  struct Prepared {
    std::string name;
    int parameters = 0;
  };

  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  Status set_up_schema(const std::string& schema);
  // Prepares (once) and executes `sql`; returns a successful result or the mapped error.
  Result<PgResult> run(std::string_view sql, const Params& params);
  Result<Prepared> prepared(std::string_view sql);
  Error error_of(const PGresult* result) const;

  PGconn* conn_;
  std::unordered_map<std::string, Prepared, SqlTextHash, std::equal_to<>> statements_;
  int next_statement_ = 0;
};

}  // namespace sp::db
