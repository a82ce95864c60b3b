#include "pg_roles.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "strangeprompt/core/log.hpp"
#include "strangeprompt/db/database.hpp"
#include "targets.hpp"

namespace sp::cmd {
namespace {

constexpr std::string_view kLog = "strangeprompt";

// Targets that own no database.
bool has_database(std::string_view target) {
  return target != "gateway";
}

bool plain_identifier(std::string_view s) {
  if (s.empty() || s.size() > 48) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return !(s.front() >= '0' && s.front() <= '9');
}

std::string sql_literal(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    out.push_back(c);
    if (c == '\'') out.push_back('\'');
  }
  return out + "'";
}

// Idempotent DDL for one schema owned by one role. Both names are plain identifiers.
std::string bootstrap_sql(const std::string& role, const std::string& schema,
                          const std::optional<std::string>& password) {
  std::ostringstream sql;
  sql << "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" << role
      << "') THEN CREATE ROLE " << role << " LOGIN; END IF; END $$;\n";
  sql << "ALTER ROLE " << role << " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;\n";
  if (password) sql << "ALTER ROLE " << role << " PASSWORD " << sql_literal(*password) << ";\n";
  sql << "CREATE SCHEMA IF NOT EXISTS " << schema << " AUTHORIZATION " << role << ";\n";
  sql << "ALTER SCHEMA " << schema << " OWNER TO " << role << ";\n";
  sql << "REVOKE ALL ON SCHEMA " << schema << " FROM PUBLIC;\n";
  return sql.str();
}

std::optional<std::string> read_password(const std::string& dir, const std::string& role,
                                         bool& failed) {
  std::ifstream in(dir + "/" + role);
  if (!in) {
    log_error(kLog, "pg-roles: cannot read the password file", {{"file", dir + "/" + role}});
    failed = true;
    return std::nullopt;
  }
  std::string password;
  std::getline(in, password);
  return password;
}

}  // namespace

int run_pg_roles(const PgRolesOptions& options) {
  if (options.dsn.empty()) {
    log_error(kLog, "pg-roles: --dsn is required");
    return 2;
  }
  if (!plain_identifier(options.role_prefix)) {
    log_error(kLog, "pg-roles: --role-prefix must be lowercase letters, digits and _");
    return 2;
  }
  auto targets = resolve_targets(options.target.value_or("all"));
  if (!targets.ok()) {
    log_error(kLog, "pg-roles: bad --target", {{"error", targets.error().message}});
    return 2;
  }
  std::vector<std::string> schemas;
  for (const TargetInfo* t : *targets) {
    if (has_database(t->name)) schemas.emplace_back(t->name);
  }
  schemas.emplace_back("events");  // the PostgreSQL event log (events.postgres_schema default)

  db::DatabaseOptions db_options;
  db_options.backend = "postgres";
  db_options.postgres_dsn = options.dsn;
  db_options.postgres_schema = "";  // the administrator's own search_path
  db_options.pool_size = 1;
  auto database = db::Database::open(db_options);
  if (!database.ok()) {
    log_error(kLog, "pg-roles: cannot connect",
              {{"error", database.error().message}, {"detail", database.error().internal}});
    return 1;
  }
  // Since PostgreSQL 15 PUBLIC may not create in `public`; older servers are told here.
  std::string sql = "REVOKE CREATE ON SCHEMA public FROM PUBLIC;\n";
  bool failed = false;
  for (const std::string& schema : schemas) {
    const std::string role = options.role_prefix + schema;
    std::optional<std::string> password;
    if (options.password_dir) password = read_password(*options.password_dir, role, failed);
    sql += bootstrap_sql(role, schema, password);
  }
  if (failed) return 2;
  Status done = (*database)->transact([&](db::Session& s) { return s.execute_script(sql); });
  if (!done.ok()) {
    log_error(kLog, "pg-roles: the database refused",
              {{"error", done.error().message}, {"detail", done.error().internal}});
    return 1;
  }
  for (const std::string& schema : schemas) {
    std::printf("%s %s%s\n", schema.c_str(), options.role_prefix.c_str(), schema.c_str());
  }
  return 0;
}

}  // namespace sp::cmd
