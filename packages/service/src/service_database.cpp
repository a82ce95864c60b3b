#include "strangeprompt/service/service_database.hpp"

#include <string>

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/db/database.hpp"

namespace sp::service {
namespace {

// `<service>.db.<key>` when set, else `db.<key>`.
std::string key_for(const SettingsReader& settings, std::string_view service,
                    std::string_view key) {
  std::string scoped = std::string(service) + ".db." + std::string(key);
  return settings.has(scoped) ? scoped : "db." + std::string(key);
}

}  // namespace

db::DatabaseOptions database_options(SettingsReader& settings, std::string_view service,
                                     std::string_view data_dir) {
  auto key = [&](std::string_view k) { return key_for(settings, service, k); };
  db::DatabaseOptions options;
  options.backend = settings.one_of(key("backend"), "sqlite", {"sqlite", "postgres"});
  options.sqlite_path =
      settings.text(key("sqlite_path"), std::string(data_dir) + "/" + std::string(service) + ".db");
  options.postgres_dsn = settings.text(key("postgres_dsn"), "");
  options.postgres_schema = settings.text(key("postgres_schema"), service);
  options.pool_size = static_cast<int>(settings.integer(key("pool_size"), 4, 1, 256));
  options.sqlite_cache_mib =
      static_cast<int>(settings.integer(key("sqlite_cache_mib"), 64, 0, 65'536));
  options.sqlite_mmap_mib =
      static_cast<int>(settings.integer(key("sqlite_mmap_mib"), 0, 0, 1'048'576));
  if (options.backend == "postgres" && options.postgres_dsn.empty()) {
    settings.reject(key("postgres_dsn"), "must be set when the backend is postgres");
  }
  return options;
}

Result<std::unique_ptr<db::Database>> open_service_database(const Config& config,
                                                            std::string_view service,
                                                            std::string_view data_dir) {
  SettingsReader settings(config);
  db::DatabaseOptions options = database_options(settings, service, data_dir);
  SP_TRY(settings.status());
  return db::Database::open(options);
}

}  // namespace sp::service
