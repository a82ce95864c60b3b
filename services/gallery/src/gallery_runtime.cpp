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
      media_(ctx_),
      views_(ctx_),
      pager_(http::Pager::from_secret(settings.cursor_key)),
      search_candidates_(settings.search_candidates) {}

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
  // Bounded: a feed page is tens of kB, so 2,000 entries stay under about 100 MB.
  cache::CacheOptions warm{.max_entries = 2'000, .clock = &clock};
  SP_ASSIGN_OR_RETURN(rt->warm_, cache::Cache::create(warm));
  return rt;
}

std::string GalleryRuntime::warm_key(std::string_view kind, int64_t viewer,
                                     std::string_view target) const {
  std::string key = "gallery|";
  key += std::to_string(generation_.load(std::memory_order_acquire));
  key += '|';
  key += kind;
  key += '|';
  key += std::to_string(viewer);
  key += '|';
  key += target;
  return key;
}

Result<http::TaggedBody> GalleryRuntime::warm_body(std::string_view kind, int64_t viewer,
                                                   std::string_view target,
                                                   const cache::Cache::Loader& load) {
  SP_ASSIGN_OR_RETURN(
      std::string value,
      warm_->get_or_load(warm_key(kind, viewer, target), kWarmTtl, [&]() -> Result<std::string> {
        SP_ASSIGN_OR_RETURN(std::string body, load());
        return http::TaggedBody::of(std::move(body)).pack();
      }));
  return http::TaggedBody::unpack(std::move(value));
}

std::optional<http::TaggedBody> GalleryRuntime::warm_peek(std::string_view kind, int64_t viewer,
                                                          std::string_view target) {
  std::optional<std::string> value = warm_->get(warm_key(kind, viewer, target));
  if (!value) return std::nullopt;
  return http::TaggedBody::unpack(std::move(*value));
}

}  // namespace sp::gallery
