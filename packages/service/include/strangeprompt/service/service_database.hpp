#pragma once
// Opens a service's own database from config: embedded mode uses <data_dir>/<service>.db (SQLite),
// distributed mode `db.backend = "postgres"` with `db.postgres_dsn` and one schema per service
// (`<service>.db.postgres_schema`, default the service name). Per-service keys override the
// global ones: `auth.db.backend` beats `db.backend`.
#include <memory>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp {
class Config;
}
namespace sp::db {
class Database;
struct DatabaseOptions;
}  // namespace sp::db

namespace sp::service {

db::DatabaseOptions database_options(const Config& config, std::string_view service,
                                     std::string_view data_dir);
Result<std::unique_ptr<db::Database>> open_service_database(const Config& config,
                                                            std::string_view service,
                                                            std::string_view data_dir);

}  // namespace sp::service
