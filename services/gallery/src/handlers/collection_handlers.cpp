#include "handlers/handlers.hpp"
#include "handlers/views.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/core/strings.hpp"
#include "strangeprompt/http/caching.hpp"
#include "strangeprompt/http/json_body.hpp"
#include "strangeprompt/http/request_readers.hpp"

namespace sp::gallery::handlers {
namespace {

constexpr http::TextRule kName{.min_chars = 1, .max_chars = 100};

// {"id","owner":{...},"name","public","postCount","createdAt"[,"posts":{items,next}]}
std::string collection_json(const CollectionView& c, const std::string& posts_page = {}) {
  JsonWriter w;
  w.begin_object().key("id").id(c.id).key("owner").begin_object().key("id").id(c.owner.user_id);
  w.key("handle");
  c.owner.handle ? w.string(*c.owner.handle) : w.null();
  w.end_object();
  w.key("name").string(c.name).key("public").boolean(c.is_public);
  w.key("postCount").integer(c.post_count).key("createdAt").time(c.created_at_ms);
  if (!posts_page.empty()) w.key("posts").raw(posts_page);
  w.end_object();
  return std::move(w).take();
}

http::Response private_json(int status, std::string body) {
  http::Response response = http::Response::json(status, std::move(body));
  response.set_header("Cache-Control", http::private_cache(std::chrono::seconds(0)));
  return response;
}

}  // namespace

// POST /v1/gallery/collections {name, public}
HandlerResult create_collection(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::parse(request));
  const std::string name = body.required_string("name", kName);
  const bool is_public = body.optional_bool("public", true);
  SP_TRY(body.finish());
  SP_ASSIGN_OR_RETURN(CollectionView c,
                      rt.collections().create(viewer_of(request), name, is_public));
  return private_json(201, collection_json(c));
}

// GET /v1/gallery/collections/{id}?limit=&cursor=: the collection and a page of its posts.
HandlerResult get_collection(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  const int64_t viewer = viewer_of(request);
  SP_ASSIGN_OR_RETURN(CollectionView c, rt.collections().get(viewer, id));
  const std::string list = "gallery.collection|" + id_to_string(id);
  SP_ASSIGN_OR_RETURN(
      http::PageRequest page,
      rt.pager().read(request, list, {http::CursorKind::kInt, http::CursorKind::kInt}));
  std::optional<std::pair<int64_t, int64_t>> after;
  if (!page.after.empty()) {
    after = {std::get<int64_t>(page.after[0]), std::get<int64_t>(page.after[1])};
  }
  SP_ASSIGN_OR_RETURN(auto rows, rt.collections().posts(viewer, id, after, page.limit + 1));
  std::string posts = rt.pager().page(
      list, page, rows, [viewer](const CollectedPost& p) { return post_json(p.post, viewer); },
      [](const CollectedPost& p) {
        return std::vector<http::CursorKey>{p.added_at_ms, p.post.id};
      });
  return http::conditional_get(request, private_json(200, collection_json(c, posts)));
}

// PATCH /v1/gallery/collections/{id} {name?, public?}
HandlerResult update_collection(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::parse(request));
  const Patch<std::string> name = body.patch_string("name", kName);
  if (name.is_clear()) body.reject("name", "cannot be null");
  const Patch<bool> is_public = body.patch_bool("public");
  if (is_public.is_clear()) body.reject("public", "cannot be null");
  SP_TRY(body.finish());
  SP_ASSIGN_OR_RETURN(CollectionView c,
                      rt.collections().update(viewer_of(request), id, name, is_public));
  return private_json(200, collection_json(c));
}

// DELETE /v1/gallery/collections/{id}
HandlerResult delete_collection(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_TRY(rt.collections().remove(viewer_of(request), id));
  return http::Response::no_content();
}

// PUT|DELETE /v1/gallery/collections/{id}/posts/{postId}
HandlerResult put_collection_post(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_ASSIGN_OR_RETURN(int64_t post_id, http::path_id(request, "postId"));
  SP_TRY(rt.collections().set_post(viewer_of(request), id, post_id, true));
  return http::Response::no_content();
}
HandlerResult delete_collection_post(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_ASSIGN_OR_RETURN(int64_t post_id, http::path_id(request, "postId"));
  SP_TRY(rt.collections().set_post(viewer_of(request), id, post_id, false));
  return http::Response::no_content();
}

// GET /v1/gallery/users/{handle}/collections: public ones; every one for their owner.
HandlerResult user_collections(GalleryRuntime& rt, http::Request& request) {
  const std::string handle = to_lower_ascii(request.param("handle"));
  SP_ASSIGN_OR_RETURN(std::optional<int64_t> user, rt.store().user_by_handle(handle));
  if (!user) return Error::not_found("no such user");
  const int64_t viewer = viewer_of(request);
  const std::string list =
      "gallery.user.collections|" + id_to_string(*user) + (viewer == *user ? "|own" : "|public");
  SP_ASSIGN_OR_RETURN(http::PageRequest page,
                      rt.pager().read(request, list, {http::CursorKind::kInt}));
  const int64_t before = page.after.empty() ? 0 : std::get<int64_t>(page.after[0]);
  SP_ASSIGN_OR_RETURN(auto rows, rt.collections().of_owner(viewer, *user, before, page.limit + 1));
  std::string body = rt.pager().page(
      list, page, rows, [](const CollectionView& c) { return collection_json(c); },
      [](const CollectionView& c) { return std::vector<http::CursorKey>{c.id}; });
  return http::conditional_get(request, private_json(200, std::move(body)));
}

}  // namespace sp::gallery::handlers
