#include "strangeprompt/db/testing/scratch_database.hpp"

#include "strangeprompt/db/testing/postgres.hpp"

namespace sp::db::testing {

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::create(std::string_view backend,
                                                                 DatabaseOptions base) {
  base.backend = std::string(backend);
  std::unique_ptr<ScratchDatabase> scratch;
  if (backend == "postgres") {
    std::optional<std::string> dsn = postgres_dsn_for_tests();
    if (!dsn) return Error::unavailable(*backend_unavailable_reason(backend));
    base.postgres_dsn = *dsn;
    base.postgres_schema = unique_schema_name("sp_test");
    scratch.reset(new ScratchDatabase(std::move(base)));
  } else {
    auto dir = std::make_unique<sp::testing::TempDir>("sp_db");
    base.sqlite_path = dir->file("test.db");
    scratch.reset(new ScratchDatabase(std::move(base)));
    scratch->sqlite_dir_ = std::move(dir);
  }
  SP_ASSIGN_OR_RETURN(scratch->db_, Database::open(scratch->options_));
  return scratch;
}

ScratchDatabase::~ScratchDatabase() {
  db_.reset();
  if (sqlite_dir_) return;  // the TempDir removes the file with its directory
  if (options_.postgres_schema.empty()) return;
  DatabaseOptions admin = options_;
  admin.postgres_schema.clear();
  admin.pool_size = 1;
  if (auto db = Database::open(admin); db.ok()) {
    (void)(*db)->execute("DROP SCHEMA IF EXISTS \"" + options_.postgres_schema + "\" CASCADE");
  }
}

}  // namespace sp::db::testing
