#pragma once
// The shared test helpers (TempDir, eventually) under this package's test namespace.
#include "strangeprompt/core/testing/temp_dir.hpp"

namespace sp::events::testing {
using sp::testing::eventually;
using sp::testing::TempDir;
}  // namespace sp::events::testing
