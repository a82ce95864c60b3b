#pragma once
// What every piece of gallery logic works with: the store, the clock and the id generator.
#include "store/gallery_store.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/id.hpp"

namespace sp::gallery {

struct GalleryContext {
  GalleryStore& store;
  const Clock& clock;
  IdGenerator& ids;
  int64_t now_ms() const { return clock.now_ms(); }
};

}  // namespace sp::gallery
