#pragma once
// The small verbs every SQL store is written with, over an Executor (a Database or the Session of
// a transaction): the first row or every row mapped to a record, "did this write change exactly
// one row", and a transaction that hands the body the store's own typed view of the session.
#include <functional>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/value.hpp"

namespace sp::db {

// The first row mapped by `read` (a callable taking const Row&), or nullopt when there is none.
template <typename Read, typename T = std::invoke_result_t<Read, const Row&>>
Result<std::optional<T>> query_one(Executor& executor, std::string_view sql, const Params& params,
                                   Read read) {
  SP_ASSIGN_OR_RETURN(Rows rows, executor.query(sql, params));
  if (rows.empty()) return std::optional<T>();
  return std::optional<T>(read(rows[0]));
}

// Every row mapped by `read`, in the statement's order.
template <typename Read, typename T = std::invoke_result_t<Read, const Row&>>
Result<std::vector<T>> query_all(Executor& executor, std::string_view sql, const Params& params,
                                 Read read) {
  SP_ASSIGN_OR_RETURN(Rows rows, executor.query(sql, params));
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(read(row));
  return out;
}

// Runs a write whose affected-row count does not matter.
Status run(Executor& executor, std::string_view sql, const Params& params = {});

// Runs a write meant to change one row: true when it changed exactly one, false when none (e.g.
// a conditional UPDATE whose condition no longer holds) or several.
Result<bool> changed_one(Executor& executor, std::string_view sql, const Params& params = {});

// Runs `body` in one write transaction of `db` (commit on ok, roll back otherwise: see
// Database::transact) with a `Tx` built from the transaction's Session, so a store hands its
// logic a typed transaction (e.g. SqlAuthTransaction) instead of a raw Session.
template <typename Tx, typename Body>
Status transact_as(Database& db, Body&& body) {
  static_assert(std::is_constructible_v<Tx, Session&>, "Tx must be constructible from Session&");
  return db.transact([&](Session& session) -> Status {
    Tx tx(session);
    return std::invoke(body, tx);
  });
}

}  // namespace sp::db
