#pragma once
// The gallery's settings, with defaults that need no config.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "strangeprompt/cache/rate_limiter.hpp"

namespace sp {
class SettingsReader;
}

namespace sp::gallery {

struct GallerySettings {
  // Signs list cursors: http.cursor_key (or http.cursor_key_file), the same on every replica;
  // unset: a random key per process (cursors die on restart).
  std::optional<std::string> cursor_key;
  // Comments one user may post: gallery.comments_per_minute, with bursts of
  // gallery.comment_burst.
  int64_t comments_per_minute = 6;
  int64_t comment_burst = 10;
  // Where those counts live: `cache.backend` / `cache.redis.*` (service_cache.hpp).
  cache::RateLimiterOptions limiter;
  // Posts a search with words takes as candidates (the newest matches, then ranked) and counts
  // for its facets: gallery.search_candidates (see store/search_store.hpp).
  int64_t search_candidates = 1'000;

  static GallerySettings read(SettingsReader& reader);
};

}  // namespace sp::gallery
