#include "strangeprompt/service/service_database.hpp"

#include <string>

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/db/database.hpp"

namespace sp::service {
namespace {

std::string setting(const Config& config, std::string_view service, std::string_view key,
                    std::string_view fallback) {
  std::string scoped = std::string(service) + ".db." + std::string(key);
  if (config.has(scoped)) return config.get(scoped);
  return config.get("db." + std::string(key), fallback);
}

}  // namespace

db::DatabaseOptions database_options(const Config& config, std::string_view service,
                                     std::string_view data_dir) {
  db::DatabaseOptions options;
  options.backend = setting(config, service, "backend", "sqlite");
  options.sqlite_path = setting(config, service, "sqlite_path",
                                std::string(data_dir) + "/" + std::string(service) + ".db");
  options.postgres_dsn = setting(config, service, "postgres_dsn", "");
  options.postgres_schema = setting(config, service, "postgres_schema", service);
  options.pool_size = static_cast<int>(
      config.get_int(std::string(service) + ".db.pool_size", config.get_int("db.pool_size", 4)));
  return options;
}

Result<std::unique_ptr<db::Database>> open_service_database(const Config& config,
                                                            std::string_view service,
                                                            std::string_view data_dir) {
  return db::Database::open(database_options(config, service, data_dir));
}

}  // namespace sp::service
