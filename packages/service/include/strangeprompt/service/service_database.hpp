#pragma once
// Opens a service's own database from config: embedded mode uses <data_dir>/<service>.db (SQLite),
// distributed mode `db.backend = "postgres"` with `db.postgres_dsn` and one schema per service
// (`<service>.db.postgres_schema`, default the service name). Per-service keys override the
// global ones: `auth.db.backend` beats `db.backend`. Keys: backend (sqlite | postgres),
// sqlite_path, postgres_dsn, postgres_schema, pool_size (1..256).
#include <memory>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp {
class Config;
class SettingsReader;
}  // namespace sp
namespace sp::db {
class Database;
struct DatabaseOptions;
}  // namespace sp::db

namespace sp::service {

// Bad values are recorded in `settings` (and their defaults returned).
db::DatabaseOptions database_options(SettingsReader& settings, std::string_view service,
                                     std::string_view data_dir);
// kInvalidArgument listing every bad key, else the adapter's result.
Result<std::unique_ptr<db::Database>> open_service_database(const Config& config,
                                                            std::string_view service,
                                                            std::string_view data_dir);

}  // namespace sp::service
