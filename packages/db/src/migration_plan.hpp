#pragma once
// Which migration files apply to a dialect, and in what order; pure logic, no database.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/migrations.hpp"

namespace sp::db {

struct MigrationName {
  int version = 0;
  std::string title;
  std::optional<Dialect> dialect;  // nullopt: the file is for every dialect
};

// Parses "NNN_title.sql", "NNN_title.sqlite.sql" or "NNN_title.postgres.sql" (title: letters,
// digits, '_' and '-'); nullopt for anything else.
std::optional<MigrationName> parse_migration_name(std::string_view file_name);

struct PlannedMigration {
  int version = 0;
  const MigrationFile* file = nullptr;  // points into the caller's vector
};

// The files for `dialect` ordered by version. kInvalidArgument for a bad name or when a version
// has two files for one dialect (checked for both dialects, so SQLite runs catch PostgreSQL
// mistakes too).
Result<std::vector<PlannedMigration>> plan_migrations(const std::vector<MigrationFile>& files,
                                                      Dialect dialect);

}  // namespace sp::db
