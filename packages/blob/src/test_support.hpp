#pragma once
// The shared test helpers (TempDir, eventually) under this package's test namespace.
#include "strangeprompt/core/testing/temp_dir.hpp"

namespace sp::blob::testing {
using sp::testing::eventually;
using sp::testing::TempDir;
}  // namespace sp::blob::testing
