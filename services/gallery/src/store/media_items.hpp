#pragma once
// The gallery's copy of media items (table media_items, kept from media.processed) and the
// `media` member of served posts built from it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "logic/post.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/database.hpp"

namespace sp::gallery {

struct MediaItem {
  int64_t id = 0;
  int64_t owner_id = 0;
  std::string status;  // ready | failed | rejected | pending (awaiting moderation review)
  std::optional<int64_t> width, height;
  std::optional<std::string> blurhash, dominant_color;
  std::string variants_json = "[]";  // served form: [{width,height,url,contentType}]
  int64_t updated_at_ms = 0;         // the event's occurredAt
};

// Inserts or replaces the copy unless the stored one is newer (an older event, redelivered or
// out of order, changes nothing). Idempotent.
Status upsert_media_item(db::Executor& ex, const MediaItem& item);
// The known items among `ids`, by id.
Result<std::map<int64_t, MediaItem>> find_media_items(db::Executor& ex,
                                                      const std::vector<int64_t>& ids);
Status delete_media_items_of(db::Executor& ex, int64_t owner_id);

// Sets `media_json` of each post: its images in order, each
// {"id","status","width","height","blurhash","dominantColor","variants"}; an image the gallery
// has no media.processed for yet is "pending" with nulls and no variants; an image owned by
// someone other than the post's author is left out. One query for all the posts.
Status attach_media(db::Executor& ex, const std::vector<PostView*>& posts);

// The id list of a served images array (["1","2"]).
std::vector<int64_t> image_ids(std::string_view images_json);

}  // namespace sp::gallery
