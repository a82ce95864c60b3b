#include "handlers/handlers.hpp"
#include "handlers/views.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/http/caching.hpp"
#include "strangeprompt/http/json_body.hpp"
#include "strangeprompt/http/request_readers.hpp"

namespace sp::gallery::handlers {
namespace {

HandlerResult set_like(GalleryRuntime& rt, http::Request& request, bool liked) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_ASSIGN_OR_RETURN(LikeState state, rt.likes().set(viewer_of(request), id, liked));
  return http::Response::json(
      200, JsonObject().boolean("liked", state.liked).integer("likeCount", state.like_count).str());
}

}  // namespace

// PUT /v1/gallery/posts/{id}/like
HandlerResult like(GalleryRuntime& rt, http::Request& request) {
  return set_like(rt, request, true);
}

// DELETE /v1/gallery/posts/{id}/like
HandlerResult unlike(GalleryRuntime& rt, http::Request& request) {
  return set_like(rt, request, false);
}

// POST /v1/gallery/posts/{id}/comments {body}
HandlerResult create_comment(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::parse(request));
  const std::string text = body.required_string("body", {.min_chars = 1, .max_chars = 2000});
  SP_TRY(body.finish());
  SP_ASSIGN_OR_RETURN(CommentView comment, rt.comments().create(viewer_of(request), id, text));
  return http::Response::json(201, comment_json(comment));
}

// GET /v1/gallery/posts/{id}/comments?limit=&cursor=: oldest first.
HandlerResult list_comments(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  const std::string list = "gallery.comments|" + id_to_string(id);
  SP_ASSIGN_OR_RETURN(http::PageRequest page,
                      rt.pager().read(request, list, {http::CursorKind::kInt}));
  const int64_t after = page.after.empty() ? 0 : std::get<int64_t>(page.after[0]);
  SP_ASSIGN_OR_RETURN(auto rows, rt.comments().list(viewer_of(request), id, after, page.limit + 1));
  std::string body = rt.pager().page(
      list, page, rows, [](const CommentView& c) { return comment_json(c); },
      [](const CommentView& c) { return std::vector<http::CursorKey>{c.id}; });
  http::Response response = http::Response::json(200, std::move(body));
  response.set_header("Cache-Control", http::private_cache(std::chrono::seconds(0)));
  return http::conditional_get(request, std::move(response));
}

// DELETE /v1/gallery/comments/{id}
HandlerResult delete_comment(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_TRY(rt.comments().remove(viewer_of(request), id));
  return http::Response::no_content();
}

}  // namespace sp::gallery::handlers
