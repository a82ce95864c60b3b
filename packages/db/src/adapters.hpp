#pragma once
// Adapter factories behind Database::open; each lives beside its engine in sqlite/ or postgres/.
#include <memory>

#include "strangeprompt/db/database.hpp"

namespace sp::db {

Result<std::unique_ptr<Database>> open_sqlite(const DatabaseOptions& options);
Result<std::unique_ptr<Database>> open_postgres(const DatabaseOptions& options);

}  // namespace sp::db
