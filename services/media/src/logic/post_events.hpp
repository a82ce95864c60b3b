#pragma once
// The gallery's post events the media service follows to know which media are used in public
// posts: gallery.post.published v1 (imageIds optional), gallery.post.revised v1 and
// gallery.post.withdrawn v1. Pure parsing and ordering: no SQL.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/result.hpp"

namespace sp::media {

inline constexpr std::string_view kPostPublishedTopic = "gallery.post.published";
inline constexpr std::string_view kPostRevisedTopic = "gallery.post.revised";
inline constexpr std::string_view kPostWithdrawnTopic = "gallery.post.withdrawn";

// What one of those events says about a post: public with these images, or not public.
struct PostVisibility {
  int64_t post_id = 0;
  int64_t author_id = 0;
  bool is_public = false;
  std::vector<int64_t> image_ids;  // empty when not public
  int64_t event_at_ms = 0;         // the envelope's occurredAt
  std::string event_id;            // the envelope's id
};

// The post's state from a published, revised or withdrawn v1 envelope; kInvalidArgument for any
// other payload (other type or version, missing postId/authorId, an image id that is no id).
Result<PostVisibility> read_post_event(std::string_view payload);

// Whether an event (at, id) comes after the one already applied (applied_at, applied_id): later
// occurredAt, or the same millisecond and a greater id (ids are time-ordered decimal numbers:
// compared by length, then text). The same event again (a redelivery) is not after itself.
bool comes_after(int64_t at, std::string_view id, int64_t applied_at, std::string_view applied_id);

}  // namespace sp::media
