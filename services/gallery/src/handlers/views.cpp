#include "handlers/views.hpp"

#include "strangeprompt/core/json_writer.hpp"

namespace sp::gallery {
namespace {

void optional_text(JsonWriter& w, std::string_view name, const std::optional<std::string>& v) {
  w.key(name);
  if (v) {
    w.string(*v);
  } else {
    w.null();
  }
}

void author(JsonWriter& w, const AuthorCard& a) {
  w.key("author").begin_object().key("id").id(a.user_id);
  optional_text(w, "handle", a.handle);
  optional_text(w, "displayName", a.display_name);
  optional_text(w, "avatar", a.avatar);
  optional_text(w, "avatarUrl", a.avatar ? a.avatar_url : std::nullopt);
  w.end_object();
}

}  // namespace

std::string post_json(const PostView& p, int64_t viewer) {
  JsonWriter w;
  w.begin_object().key("id").id(p.id);
  author(w, p.author);
  w.key("title").string(p.title).key("prompt").string(p.prompt);
  w.key("negativePrompt").string(p.negative_prompt);
  w.key("params");
  if (p.hide_params && viewer != p.author.user_id) {
    w.null();
  } else {
    w.raw(p.params_json);
  }
  w.key("baseModel").string(p.base_model).key("tags").raw(p.tags_json);
  optional_text(w, "category", p.category);
  w.key("contentRating").string(to_string(p.rating));
  w.key("visibility").string(to_string(p.visibility));
  w.key("images").raw(p.images_json).key("media").raw(p.media_json).key("remixOf");
  if (p.remix_of) {
    w.id(*p.remix_of);
  } else {
    w.null();
  }
  w.key("hideParams").boolean(p.hide_params);
  w.key("likeCount").integer(p.like_count).key("commentCount").integer(p.comment_count);
  w.key("viewCount").integer(p.view_count).key("likedByMe").boolean(p.liked_by_me);
  w.key("createdAt").time(p.created_at_ms).key("publishedAt").time(p.published_at_ms);
  w.key("remixDiff");
  if (p.remix_diff_json) {
    w.raw(*p.remix_diff_json);
  } else {
    w.null();
  }
  w.end_object();
  return std::move(w).take();
}

std::string comment_json(const CommentView& c) {
  JsonWriter w;
  w.begin_object().key("id").id(c.id).key("postId").id(c.post_id);
  author(w, c.author);
  w.key("body").string(c.body).key("createdAt").time(c.created_at_ms).end_object();
  return std::move(w).take();
}

}  // namespace sp::gallery
