#include "gallery_runtime.hpp"

namespace sp::gallery {

GalleryRuntime::GalleryRuntime(db::Database& db, const Clock& clock,
                               const GallerySettings& settings, uint32_t node)
    : clock_(clock),
      store_(db),
      ids_(clock, node),
      ctx_{store_, clock, ids_},
      posts_(ctx_),
      collections_(ctx_),
      likes_(ctx_),
      profiles_(ctx_),
      pager_(http::Pager::from_secret(settings.cursor_key)) {}

Result<std::unique_ptr<GalleryRuntime>> GalleryRuntime::open(db::Database& db, const Clock& clock,
                                                             const GallerySettings& settings,
                                                             uint32_t node) {
  std::unique_ptr<GalleryRuntime> rt(new GalleryRuntime(db, clock, settings, node));
  // In-process (cache.backend = "memory"): each replica limits its own share; on Redis they
  // share one limit.
  cache::RateLimiterOptions options = settings.limiter;
  options.clock = &clock;
  SP_ASSIGN_OR_RETURN(std::unique_ptr<cache::RateLimiter> limiter,
                      cache::RateLimiter::create(options));
  const cache::Limit limit{.rate = settings.comments_per_minute,
                           .period = std::chrono::minutes(1),
                           .burst = settings.comment_burst};
  rt->comments_.emplace(rt->ctx_, std::move(limiter), limit);
  return rt;
}

}  // namespace sp::gallery
