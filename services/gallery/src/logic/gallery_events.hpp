#pragma once
// The events the gallery publishes (schemas/events/gallery.*.v1.json), built as envelopes for
// the outbox.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "logic/gallery_context.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::gallery {

inline constexpr const char* kPostPublishedTopic = "gallery.post.published";
inline constexpr const char* kLikesTopic = "gallery.likes";
inline constexpr const char* kCommentsTopic = "gallery.comments";

events::Envelope post_published_event(GalleryContext& ctx, int64_t post_id, int64_t author_id,
                                      const std::string& title,
                                      const std::vector<std::string>& tags,
                                      const std::optional<std::string>& model,
                                      std::optional<int64_t> remix_of);
events::Envelope like_event(GalleryContext& ctx, int64_t post_id, int64_t user_id,
                            int64_t author_id, bool liked);
events::Envelope comment_event(GalleryContext& ctx, int64_t comment_id, int64_t post_id,
                               int64_t author_id, int64_t post_author_id, const std::string& body);

}  // namespace sp::gallery
