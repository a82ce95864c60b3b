#include "strangeprompt/db/database.hpp"
#include "adapters.hpp"

namespace sp::db {

std::string_view to_string(Dialect d) {
  switch (d) {
    case Dialect::kSqlite:
      return "sqlite";
    case Dialect::kPostgres:
      return "postgres";
  }
  return "unknown";
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseOptions& options) {
  if (options.pool_size < 1) return Error::invalid("database pool_size must be at least 1");
  if (options.busy_timeout_ms < 0) return Error::invalid("database busy_timeout_ms must be >= 0");
  if (options.sqlite_cache_mib < 0) return Error::invalid("database sqlite_cache_mib must be >= 0");
  if (options.sqlite_mmap_mib < 0) return Error::invalid("database sqlite_mmap_mib must be >= 0");
  if (options.backend == "sqlite") return open_sqlite(options);
  if (options.backend == "postgres") return open_postgres(options);
  return Error::invalid("unknown database backend '" + options.backend +
                        "' (expected sqlite or postgres)");
}

}  // namespace sp::db
