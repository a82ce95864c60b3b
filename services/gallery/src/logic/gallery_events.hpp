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
inline constexpr const char* kPostRevisedTopic = "gallery.post.revised";
inline constexpr const char* kPostWithdrawnTopic = "gallery.post.withdrawn";
inline constexpr const char* kLikesTopic = "gallery.likes";
inline constexpr const char* kCommentsTopic = "gallery.comments";

events::Envelope post_published_event(GalleryContext& ctx, int64_t post_id, int64_t author_id,
                                      const std::string& title,
                                      const std::vector<std::string>& tags,
                                      const std::optional<std::string>& model,
                                      std::optional<int64_t> remix_of,
                                      const std::vector<int64_t>& image_ids);
// A public post's images changed, or it became public again (not its first publication): the
// whole image list now (gallery.post.revised v1).
events::Envelope post_revised_event(GalleryContext& ctx, int64_t post_id, int64_t author_id,
                                    const std::vector<int64_t>& image_ids);
// Why a post stopped being public (gallery.post.withdrawn v1 `reason`).
enum class WithdrawnBecause { kDeleted, kNotPublic, kAuthorDeleted };
events::Envelope post_withdrawn_event(GalleryContext& ctx, int64_t post_id, int64_t author_id,
                                      WithdrawnBecause because);
events::Envelope like_event(GalleryContext& ctx, int64_t post_id, int64_t user_id,
                            int64_t author_id, bool liked);
events::Envelope comment_event(GalleryContext& ctx, int64_t comment_id, int64_t post_id,
                               int64_t author_id, int64_t post_author_id, const std::string& body);

}  // namespace sp::gallery
