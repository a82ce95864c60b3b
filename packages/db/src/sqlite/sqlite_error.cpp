#include "sqlite/sqlite_error.hpp"

#include <sqlite3.h>

#include <string>

namespace sp::db {

Error sqlite_error(int extended_code, std::string_view engine_message) {
  std::string detail =
      "sqlite: " + std::string(engine_message) + " (code " + std::to_string(extended_code) + ")";
  if (extended_code == SQLITE_CONSTRAINT_UNIQUE || extended_code == SQLITE_CONSTRAINT_PRIMARYKEY) {
    Error e = Error::conflict("already exists");
    e.internal = std::move(detail);
    return e;
  }
  int primary = extended_code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    Error e = Error::unavailable("database is busy");
    e.internal = std::move(detail);
    return e;
  }
  return Error::internal_error(std::move(detail));
}

}  // namespace sp::db
