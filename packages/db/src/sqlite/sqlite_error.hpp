#pragma once
// Maps an SQLite extended result code to the port's error: unique/primary-key violations are
// kConflict, busy/locked kUnavailable, everything else kInternal (engine text in `internal` only).
#include <string_view>

#include "strangeprompt/core/error.hpp"

namespace sp::db {

Error sqlite_error(int extended_code, std::string_view engine_message);

}  // namespace sp::db
