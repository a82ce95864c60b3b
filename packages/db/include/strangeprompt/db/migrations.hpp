#pragma once
// Numbered per-service migrations: "NNN_title.sql" for every dialect, "NNN_title.sqlite.sql" or
// "NNN_title.postgres.sql" where SQL truly differs. Applied in order, each in a transaction,
// recorded in schema_migrations(service, version, name, applied_at).
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/result.hpp"

namespace sp::db {

class Database;

struct MigrationFile {
  std::string name;  // file name, e.g. "001_users.sql"
  std::string sql;
};

// Applies pending migrations of `service`; returns how many were applied.
Result<int> migrate(Database& db, std::string_view service,
                    const std::vector<MigrationFile>& files);

}  // namespace sp::db
