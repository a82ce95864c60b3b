#pragma once
// What every profile flow works with: the store, time and ids.
#include "store/profile_store.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/id.hpp"

namespace sp::profile {

struct ProfileContext {
  ProfileStore& store;
  const Clock& clock;
  IdGenerator& ids;
  int64_t now_ms() const { return clock.now_ms(); }
};

}  // namespace sp::profile
