#pragma once
// View counts from analytics (analytics.post_views v1, contract C1: data {postId, views, at},
// views = the running total of counted views). viewCount = max(current, views) and the post's hot
// score is recomputed in the same transaction; a replayed or older event (fewer views) changes
// nothing, so the consumer is idempotent. An unknown post (deleted, or never here) is skipped.
#include "logic/gallery_context.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::gallery {

class ViewCounts {
 public:
  explicit ViewCounts(GalleryContext& ctx) : ctx_(ctx) {}

  Status on_post_views(const events::Record& record);
  // Raises the post's view count to `views` (never lowers it); true when it changed.
  Result<bool> raise(int64_t post_id, int64_t views);

 private:
  GalleryContext& ctx_;
};

}  // namespace sp::gallery
