#pragma once
// The gallery's copy of media items, kept from media.processed v1 (never from the media
// service's tables). Status served in a post's `media`: `ready` (processed and approved by
// moderation, with variants), `failed` (the media service could not or would not process the
// file), `rejected` (moderation refused it), `pending` (no event yet, or awaiting an admin's
// review). The newest event by occurredAt wins; redeliveries change nothing. A malformed event is
// logged and skipped.
#include "logic/gallery_context.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::gallery {

class MediaCopy {
 public:
  explicit MediaCopy(GalleryContext& ctx) : ctx_(ctx) {}

  Status on_processed(const events::Record& record);  // media.processed v1

 private:
  GalleryContext& ctx_;
};

// The status the gallery serves for a media.processed `status` and `moderation`.
std::string_view served_media_status(std::string_view status, std::string_view moderation);

}  // namespace sp::gallery
