#include "logic/settings.hpp"

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/service/service_cache.hpp"

namespace sp::gallery {

GallerySettings GallerySettings::read(SettingsReader& r) {
  GallerySettings s;
  s.cursor_key = r.secret("http.cursor_key");
  s.comments_per_minute =
      r.integer("gallery.comments_per_minute", s.comments_per_minute, 1, 10'000);
  s.comment_burst = r.integer("gallery.comment_burst", s.comment_burst, 1, 10'000);
  s.limiter = service::rate_limiter_options(r, Clock::system());
  s.search_candidates = r.integer("gallery.search_candidates", s.search_candidates, 1, 100'000);
  return s;
}

}  // namespace sp::gallery
