#pragma once
// Row readers for the SELECTs in auth_sql.hpp (column order as listed there).
#include "store/records.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/statements.hpp"
#include "strangeprompt/db/value.hpp"

namespace sp::auth {

User user_from_row(const db::Row& row);
RefreshFamily family_from_row(const db::Row& row);
RefreshToken refresh_token_from_row(const db::Row& row);
OneTimeToken one_time_token_from_row(const db::Row& row);
ApiKey api_key_from_row(const db::Row& row);
AuditEntry audit_entry_from_row(const db::Row& row);
SigningKeySetRecord key_set_from_row(const db::Row& row);

// query_one / query_all / changed_one are db's (strangeprompt/db/statements.hpp), found by
// argument-dependent lookup on the db::Database or db::Session they are given.

}  // namespace sp::auth
