#include "logic/gallery_events.hpp"

#include "strangeprompt/core/json_writer.hpp"

namespace sp::gallery {
namespace {

events::Envelope envelope(GalleryContext& ctx, const char* type, int64_t key, std::string data) {
  return events::Envelope{.id = id_to_string(ctx.ids.next()),
                          .type = type,
                          .version = 1,
                          .occurred_at_ms = ctx.now_ms(),
                          .key = id_to_string(key),
                          .data_json = std::move(data)};
}

// At most `max` code points of `text` (an excerpt for notifications).
std::string excerpt(const std::string& text, std::size_t max) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && points++ == max) {
      return text.substr(0, i);
    }
  }
  return text;
}

std::vector<std::string> id_strings(const std::vector<int64_t>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (int64_t id : ids) out.push_back(id_to_string(id));
  return out;
}

}  // namespace

events::Envelope post_published_event(GalleryContext& ctx, int64_t post_id, int64_t author_id,
                                      const std::string& title,
                                      const std::vector<std::string>& tags,
                                      const std::optional<std::string>& model,
                                      std::optional<int64_t> remix_of,
                                      const std::vector<int64_t>& image_ids) {
  JsonObject data;
  data.id("postId", post_id).id("authorId", author_id).string("title", title).strings("tags", tags);
  if (model) {
    data.string("model", *model);
  } else {
    data.null("model");
  }
  if (remix_of) {
    data.id("remixOf", *remix_of);
  } else {
    data.null("remixOf");
  }
  data.strings("imageIds", id_strings(image_ids));
  return envelope(ctx, kPostPublishedTopic, post_id, std::move(data).take());
}

events::Envelope post_revised_event(GalleryContext& ctx, int64_t post_id, int64_t author_id,
                                    const std::vector<int64_t>& image_ids) {
  return envelope(ctx, kPostRevisedTopic, post_id,
                  JsonObject()
                      .id("postId", post_id)
                      .id("authorId", author_id)
                      .strings("imageIds", id_strings(image_ids))
                      .str());
}

events::Envelope post_withdrawn_event(GalleryContext& ctx, int64_t post_id, int64_t author_id,
                                      WithdrawnBecause because) {
  const char* reason = because == WithdrawnBecause::kDeleted     ? "deleted"
                       : because == WithdrawnBecause::kNotPublic ? "not_public"
                                                                 : "author_deleted";
  return envelope(
      ctx, kPostWithdrawnTopic, post_id,
      JsonObject().id("postId", post_id).id("authorId", author_id).string("reason", reason).str());
}

events::Envelope like_event(GalleryContext& ctx, int64_t post_id, int64_t user_id,
                            int64_t author_id, bool liked) {
  return envelope(ctx, kLikesTopic, post_id,
                  JsonObject()
                      .id("postId", post_id)
                      .id("userId", user_id)
                      .id("authorId", author_id)
                      .boolean("liked", liked)
                      .str());
}

events::Envelope comment_event(GalleryContext& ctx, int64_t comment_id, int64_t post_id,
                               int64_t author_id, int64_t post_author_id, const std::string& body) {
  return envelope(ctx, kCommentsTopic, post_id,
                  JsonObject()
                      .id("commentId", comment_id)
                      .id("postId", post_id)
                      .id("authorId", author_id)
                      .id("postAuthorId", post_author_id)
                      .null("parentId")
                      .string("excerpt", excerpt(body, 140))
                      .str());
}

}  // namespace sp::gallery
