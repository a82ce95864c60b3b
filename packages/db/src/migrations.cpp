#include "strangeprompt/db/migrations.hpp"

#include <set>

#include "migration_plan.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/db/database.hpp"

namespace sp::db {
namespace {

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "service TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL, PRIMARY KEY (service, version))";
constexpr std::string_view kSelectApplied =
    "SELECT version FROM schema_migrations WHERE service = ?";
constexpr std::string_view kSelectOne =
    "SELECT 1 FROM schema_migrations WHERE service = ? AND version = ?";
constexpr std::string_view kInsertApplied =
    "INSERT INTO schema_migrations (service, version, name, applied_at) VALUES (?, ?, ?, ?)";
// Serialises migrating replicas on PostgreSQL (SQLite's BEGIN IMMEDIATE already does).
constexpr std::string_view kPostgresLock = "SELECT pg_advisory_xact_lock(7305813520746542157)";

Status lock_migrations(Session& session) {
  if (session.dialect() != Dialect::kPostgres) return ok_status();
  auto locked = session.query(kPostgresLock);
  if (!locked.ok()) return locked.error();
  return ok_status();
}

Error in_file(Error e, const std::string& file_name) {
  e.internal = "migration " + file_name + ": " + e.internal;
  return e;
}

// Applies one migration unless a concurrent migrator got there first; true when applied here.
Result<bool> apply(Database& db, std::string_view service, const PlannedMigration& m) {
  bool applied = false;
  Status status = db.transact([&](Session& s) -> Status {
    SP_TRY(lock_migrations(s));
    SP_ASSIGN_OR_RETURN(Rows done, s.query(kSelectOne, {Value(service), Value(m.version)}));
    if (!done.empty()) return ok_status();
    SP_TRY(s.execute_script(m.file->sql));
    SP_TRY(s.execute(kInsertApplied, {Value(service), Value(m.version), Value(m.file->name),
                                      Value(format_rfc3339(Clock::system().now()))}));
    applied = true;
    return ok_status();
  });
  if (!status.ok()) return in_file(std::move(status).error(), m.file->name);
  return applied;
}

}  // namespace

Result<int> migrate(Database& db, std::string_view service,
                    const std::vector<MigrationFile>& files) {
  if (service.empty()) return Error::invalid("migrate: service name is required");
  SP_ASSIGN_OR_RETURN(auto plan, plan_migrations(files, db.dialect()));
  Status table_ready = db.transact([](Session& s) -> Status {
    SP_TRY(lock_migrations(s));
    return s.execute_script(kCreateMigrationsTable);
  });
  if (!table_ready.ok()) return std::move(table_ready).error();
  SP_ASSIGN_OR_RETURN(Rows rows, db.query(kSelectApplied, {Value(service)}));
  std::set<int64_t> applied;
  for (const Row& row : rows) applied.insert(row.get_int(0));

  int count = 0;
  for (const PlannedMigration& m : plan) {
    if (applied.count(m.version) != 0) continue;
    SP_ASSIGN_OR_RETURN(bool applied_here, apply(db, service, m));
    if (!applied_here) continue;
    ++count;
    log_info(service, "migration applied", {{"migration", m.file->name}, {"version", m.version}});
  }
  return count;
}

}  // namespace sp::db
