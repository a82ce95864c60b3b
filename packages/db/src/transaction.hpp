#pragma once
// The transact algorithm shared by the adapters. The first failed statement dooms the
// transaction on every engine (PostgreSQL aborts it anyway), so a body that ignores an error
// still gets a rollback and that error back: SQLite code cannot rely on what PostgreSQL forbids.
#include <functional>
#include <optional>
#include <string_view>
#include <utility>

#include "strangeprompt/db/database.hpp"

namespace sp::db {

// A Session over one connection that remembers the first statement error.
template <typename Conn>
class TransactionSession final : public Session {
 public:
  TransactionSession(Conn& conn, Dialect dialect) : conn_(conn), dialect_(dialect) {}

  Result<Rows> query(std::string_view sql, const Params& params) override {
    return track(conn_.query(sql, params));
  }
  Result<int64_t> execute(std::string_view sql, const Params& params) override {
    return track(conn_.execute(sql, params));
  }
  Status execute_script(std::string_view sql) override { return track(conn_.execute_script(sql)); }
  Dialect dialect() const override { return dialect_; }

  const std::optional<Error>& first_error() const { return first_error_; }

 private:
  template <typename R>
  R track(R result) {
    if (!result.ok() && !first_error_) first_error_ = result.error();
    return result;
  }

  Conn& conn_;
  Dialect dialect_;
  std::optional<Error> first_error_;
};

// Runs `body` between `begin_sql` and COMMIT on `conn`; rolls back on error or exception.
template <typename Conn>
Status run_transaction(Conn& conn, Dialect dialect, std::string_view begin_sql,
                       const std::function<Status(Session&)>& body) {
  SP_TRY(conn.execute_script(begin_sql));
  TransactionSession<Conn> session(conn, dialect);
  Status outcome;
  try {
    outcome = body(session);
  } catch (...) {
    (void)conn.execute_script("ROLLBACK");
    throw;
  }
  if (outcome.ok() && session.first_error()) outcome = *session.first_error();
  if (!outcome.ok()) {
    (void)conn.execute_script("ROLLBACK");  // a failure here leaves nothing more to undo
    return outcome;
  }
  Status committed = conn.execute_script("COMMIT");
  if (!committed.ok()) (void)conn.execute_script("ROLLBACK");
  return committed;
}

}  // namespace sp::db
