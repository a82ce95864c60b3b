#include "handlers/handlers.hpp"
#include "strangeprompt/http/handler.hpp"
#include "strangeprompt/security/scopes.hpp"

namespace sp::gallery {

void register_gallery_routes(http::Router& router, std::function<GalleryRuntime*()> ready) {
  using http::AuthMode;
  using http::Method;
  using Fn = HandlerResult (*)(GalleryRuntime&, http::Request&);
  http::RouteOptions anyone;  // anonymous or signed in (likedByMe, own drafts, preferences)
  anyone.auth = AuthMode::kOptional;
  http::RouteOptions signed_in;
  signed_in.auth = AuthMode::kRequired;
  http::RouteOptions writer = signed_in;
  writer.scopes = {std::string(security::scopes::kGalleryWrite)};
  writer.max_body_bytes = 64 * 1024;
  auto add = [&](Method method, const char* pattern, Fn fn, const http::RouteOptions& o) {
    if (method == Method::kGet) {
      router.add(method, pattern, http::adapt("gallery", ready, fn), o);
      return;
    }
    // A write (successful or not) moves the warm-read generation once it is done.
    auto write = [fn](GalleryRuntime& rt, http::Request& request) -> HandlerResult {
      HandlerResult result = fn(rt, request);
      rt.changed();
      return result;
    };
    router.add(method, pattern, http::adapt("gallery", ready, write), o);
  };
  add(Method::kPost, "/v1/gallery/posts", handlers::create_post, writer);
  // Warm anonymous reads answer on the I/O thread; a miss goes to the worker pool as usual.
  using Warm = std::optional<http::Response> (*)(GalleryRuntime&, http::Request&);
  auto warm = [&](Warm fn) {
    http::RouteOptions o = anyone;
    o.inline_answer = [ready, fn](http::Request& request) -> std::optional<http::Response> {
      GalleryRuntime* rt = ready();
      if (rt == nullptr) return std::nullopt;
      return fn(*rt, request);
    };
    return o;
  };
  add(Method::kGet, "/v1/gallery/posts/{id}", handlers::get_post, warm(handlers::warm_post));
  add(Method::kPatch, "/v1/gallery/posts/{id}", handlers::update_post, writer);
  add(Method::kDelete, "/v1/gallery/posts/{id}", handlers::delete_post, writer);
  add(Method::kGet, "/v1/gallery/posts/{id}/remixes", handlers::list_remixes, anyone);
  add(Method::kGet, "/v1/gallery/posts/{id}/similar", handlers::similar_posts, anyone);
  add(Method::kPut, "/v1/gallery/posts/{id}/like", handlers::like, writer);
  add(Method::kDelete, "/v1/gallery/posts/{id}/like", handlers::unlike, writer);
  add(Method::kPost, "/v1/gallery/posts/{id}/comments", handlers::create_comment, writer);
  add(Method::kGet, "/v1/gallery/posts/{id}/comments", handlers::list_comments, anyone);
  add(Method::kDelete, "/v1/gallery/comments/{id}", handlers::delete_comment, writer);
  add(Method::kGet, "/v1/gallery/feed", handlers::feed, warm(handlers::warm_feed));
  add(Method::kGet, "/v1/gallery/feed/following", handlers::following_feed, signed_in);
  add(Method::kGet, "/v1/gallery/users/{handle}/posts", handlers::user_posts, anyone);
  add(Method::kGet, "/v1/gallery/search", handlers::search, anyone);
  add(Method::kPost, "/v1/gallery/collections", handlers::create_collection, writer);
  add(Method::kGet, "/v1/gallery/collections/{id}", handlers::get_collection, anyone);
  add(Method::kPatch, "/v1/gallery/collections/{id}", handlers::update_collection, writer);
  add(Method::kDelete, "/v1/gallery/collections/{id}", handlers::delete_collection, writer);
  add(Method::kPut, "/v1/gallery/collections/{id}/posts/{postId}", handlers::put_collection_post,
      writer);
  add(Method::kDelete, "/v1/gallery/collections/{id}/posts/{postId}",
      handlers::delete_collection_post, writer);
  add(Method::kGet, "/v1/gallery/users/{handle}/collections", handlers::user_collections, anyone);
  add(Method::kGet, "/v1/gallery/search/suggest", handlers::suggest, anyone);
}

}  // namespace sp::gallery
