#pragma once
// Row readers for the SELECTs in auth_sql.hpp (column order as listed there).
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "store/records.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/value.hpp"

namespace sp::auth {

User user_from_row(const db::Row& row);
RefreshFamily family_from_row(const db::Row& row);
RefreshToken refresh_token_from_row(const db::Row& row);
OneTimeToken one_time_token_from_row(const db::Row& row);
ApiKey api_key_from_row(const db::Row& row);
AuditEntry audit_entry_from_row(const db::Row& row);
SigningKeySetRecord key_set_from_row(const db::Row& row);

// The first row mapped by `read`, or nullopt. Works on db::Database and db::Session alike.
template <typename Executor, typename Read, typename T = std::invoke_result_t<Read, const db::Row&>>
Result<std::optional<T>> query_one(Executor& executor, std::string_view sql,
                                   const db::Params& params, Read read) {
  SP_ASSIGN_OR_RETURN(db::Rows rows, executor.query(sql, params));
  if (rows.empty()) return std::optional<T>();
  return std::optional<T>(read(rows[0]));
}

// Every row mapped by `read`.
template <typename Executor, typename Read, typename T = std::invoke_result_t<Read, const db::Row&>>
Result<std::vector<T>> query_all(Executor& executor, std::string_view sql, const db::Params& params,
                                 Read read) {
  SP_ASSIGN_OR_RETURN(db::Rows rows, executor.query(sql, params));
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(read(row));
  return out;
}

}  // namespace sp::auth
