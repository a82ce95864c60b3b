#include "handlers/handlers.hpp"
#include "handlers/post_body.hpp"
#include "handlers/views.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/http/caching.hpp"
#include "strangeprompt/http/request_readers.hpp"

namespace sp::gallery::handlers {
namespace {

http::Response warm_post_response(const http::Request& request, http::TaggedBody body) {
  http::Response response = http::Response::json(200, {});
  response.set_header("Cache-Control", http::private_cache(std::chrono::seconds(0)));
  return http::conditional_get(request, std::move(response), std::move(body));
}

http::Response post_response(int status, const PostView& post, int64_t viewer) {
  http::Response response = http::Response::json(status, post_json(post, viewer));
  response.set_header("Cache-Control", http::private_cache(std::chrono::seconds(0)));
  return response;
}

}  // namespace

// POST /v1/gallery/posts
HandlerResult create_post(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::parse(request, 64 * 1024));
  PostDraft draft = read_post_draft(body);
  SP_TRY(body.finish());
  SP_ASSIGN_OR_RETURN(PostView post, rt.posts().create(viewer_of(request), draft));
  http::Response response = post_response(201, post, post.author.user_id);
  response.set_header("Location", "/v1/gallery/posts/" + id_to_string(post.id));
  return response;
}

// GET /v1/gallery/posts/{id}
HandlerResult get_post(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  const int64_t viewer = viewer_of(request);
  // Warm read: the body as this viewer last saw it, unless something changed since.
  SP_ASSIGN_OR_RETURN(http::TaggedBody body,
                      rt.warm_body("post", viewer, id_to_string(id), [&]() -> Result<std::string> {
                        SP_ASSIGN_OR_RETURN(PostView post, rt.posts().get(viewer, id));
                        return post_json(post, viewer);
                      }));
  return warm_post_response(request, std::move(body));
}

std::optional<http::Response> warm_post(GalleryRuntime& rt, http::Request& request) {
  // The raw id: a non-canonical spelling misses and the worker path parses it.
  std::string_view id = request.param("id");
  if (id.empty()) return std::nullopt;
  std::optional<http::TaggedBody> body = rt.warm_peek("post", 0, id);
  if (!body) return std::nullopt;
  return warm_post_response(request, std::move(*body));
}

// PATCH /v1/gallery/posts/{id}
HandlerResult update_post(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::parse(request, 64 * 1024));
  PostChanges changes = read_post_changes(body);
  SP_TRY(body.finish());
  SP_ASSIGN_OR_RETURN(PostView post, rt.posts().update(viewer_of(request), id, changes));
  return post_response(200, post, viewer_of(request));
}

// GET /v1/gallery/posts/{id}/remixes?limit=&cursor=: descendants, oldest first.
HandlerResult list_remixes(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  const std::string list = "gallery.remixes|" + id_to_string(id);
  SP_ASSIGN_OR_RETURN(http::PageRequest page,
                      rt.pager().read(request, list, {http::CursorKind::kInt}));
  const int64_t after = page.after.empty() ? 0 : std::get<int64_t>(page.after[0]);
  const int64_t viewer = viewer_of(request);
  SP_ASSIGN_OR_RETURN(auto rows, rt.posts().remixes(viewer, id, after, page.limit + 1));
  std::string body = rt.pager().page(
      list, page, rows, [viewer](const PostView& p) { return post_json(p, viewer); },
      [](const PostView& p) { return std::vector<http::CursorKey>{p.id}; });
  http::Response response = http::Response::json(200, std::move(body));
  response.set_header("Cache-Control", http::private_cache(std::chrono::seconds(0)));
  return http::conditional_get(request, std::move(response));
}

// GET /v1/gallery/posts/{id}/similar?limit=: best first; one ranked page (next is null).
HandlerResult similar_posts(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_ASSIGN_OR_RETURN(http::PageRequest page, rt.pager().read(request, "gallery.similar"));
  if (!page.after.empty()) {
    Error e = Error::invalid("invalid paging parameters");
    e.fields.push_back({"cursor", "similar posts are one page"});
    return e;
  }
  const int64_t viewer = viewer_of(request);
  SP_ASSIGN_OR_RETURN(auto rows, rt.posts().similar(viewer, id, page.limit));
  std::vector<std::string> items;
  for (const PostView& p : rows) items.push_back(post_json(p, viewer));
  http::Response response = http::Response::json(200, item_list(items));
  response.set_header("Cache-Control", http::private_cache(std::chrono::seconds(0)));
  return http::conditional_get(request, std::move(response));
}

// DELETE /v1/gallery/posts/{id}
HandlerResult delete_post(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_TRY(rt.posts().remove(viewer_of(request), id));
  return http::Response::no_content();
}

}  // namespace sp::gallery::handlers
