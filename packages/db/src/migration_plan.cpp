#include "migration_plan.hpp"

#include <algorithm>
#include <map>

namespace sp::db {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_title_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool applies_to(const MigrationName& name, Dialect dialect) {
  return !name.dialect || *name.dialect == dialect;
}

}  // namespace

std::optional<MigrationName> parse_migration_name(std::string_view file_name) {
  std::string_view rest = file_name;
  if (!ends_with(rest, ".sql")) return std::nullopt;
  rest.remove_suffix(4);
  MigrationName out;
  if (ends_with(rest, ".sqlite")) {
    out.dialect = Dialect::kSqlite;
    rest.remove_suffix(7);
  } else if (ends_with(rest, ".postgres")) {
    out.dialect = Dialect::kPostgres;
    rest.remove_suffix(9);
  }
  std::size_t digits = 0;
  while (digits < rest.size() && is_digit(rest[digits])) ++digits;
  if (digits == 0 || digits > 9 || digits + 1 >= rest.size() || rest[digits] != '_') {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < digits; ++i) out.version = out.version * 10 + (rest[i] - '0');
  std::string_view title = rest.substr(digits + 1);
  if (!std::all_of(title.begin(), title.end(), is_title_char)) return std::nullopt;
  out.title = std::string(title);
  return out;
}

Result<std::vector<PlannedMigration>> plan_migrations(const std::vector<MigrationFile>& files,
                                                      Dialect dialect) {
  std::map<int, std::vector<std::pair<MigrationName, const MigrationFile*>>> by_version;
  for (const MigrationFile& file : files) {
    std::optional<MigrationName> name = parse_migration_name(file.name);
    if (!name) {
      return Error::invalid("bad migration file name '" + file.name +
                            "' (expected NNN_title.sql, NNN_title.sqlite.sql or "
                            "NNN_title.postgres.sql)");
    }
    by_version[name->version].emplace_back(std::move(*name), &file);
  }
  std::vector<PlannedMigration> plan;
  for (const auto& [version, candidates] : by_version) {
    const MigrationFile* chosen = nullptr;
    for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
      const MigrationFile* for_d = nullptr;
      for (const auto& [name, file] : candidates) {
        if (!applies_to(name, d)) continue;
        if (for_d != nullptr) {
          return Error::invalid("duplicate migration version " + std::to_string(version) + " for " +
                                std::string(to_string(d)) + ": '" + for_d->name + "' and '" +
                                file->name + "'");
        }
        for_d = file;
      }
      if (d == dialect) chosen = for_d;
    }
    if (chosen != nullptr) plan.push_back({version, chosen});
  }
  return plan;
}

}  // namespace sp::db
