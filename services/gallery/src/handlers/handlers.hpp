#pragma once
// The gallery's handlers: parse -> one logic call -> serialise. Each takes the runtime.
#include "gallery_runtime.hpp"
#include "strangeprompt/http/message.hpp"
#include "strangeprompt/http/router.hpp"

namespace sp::gallery {

using HandlerResult = Result<http::Response>;

namespace handlers {
HandlerResult create_post(GalleryRuntime& rt, http::Request& request);
HandlerResult get_post(GalleryRuntime& rt, http::Request& request);
// The I/O thread's answers for an anonymous viewer's warm read (RouteOptions::inline_answer):
// the response get_post / feed would give from the warm cache, or nullopt on a miss.
std::optional<http::Response> warm_post(GalleryRuntime& rt, http::Request& request);
std::optional<http::Response> warm_feed(GalleryRuntime& rt, http::Request& request);
HandlerResult update_post(GalleryRuntime& rt, http::Request& request);
HandlerResult delete_post(GalleryRuntime& rt, http::Request& request);
HandlerResult list_remixes(GalleryRuntime& rt, http::Request& request);
HandlerResult similar_posts(GalleryRuntime& rt, http::Request& request);
HandlerResult feed(GalleryRuntime& rt, http::Request& request);
HandlerResult following_feed(GalleryRuntime& rt, http::Request& request);
HandlerResult user_posts(GalleryRuntime& rt, http::Request& request);
HandlerResult like(GalleryRuntime& rt, http::Request& request);
HandlerResult unlike(GalleryRuntime& rt, http::Request& request);
HandlerResult create_comment(GalleryRuntime& rt, http::Request& request);
HandlerResult list_comments(GalleryRuntime& rt, http::Request& request);
HandlerResult delete_comment(GalleryRuntime& rt, http::Request& request);
HandlerResult search(GalleryRuntime& rt, http::Request& request);
HandlerResult create_collection(GalleryRuntime& rt, http::Request& request);
HandlerResult get_collection(GalleryRuntime& rt, http::Request& request);
HandlerResult update_collection(GalleryRuntime& rt, http::Request& request);
HandlerResult delete_collection(GalleryRuntime& rt, http::Request& request);
HandlerResult put_collection_post(GalleryRuntime& rt, http::Request& request);
HandlerResult delete_collection_post(GalleryRuntime& rt, http::Request& request);
HandlerResult user_collections(GalleryRuntime& rt, http::Request& request);
HandlerResult suggest(GalleryRuntime& rt, http::Request& request);
}  // namespace handlers

// The signed-in user, or 0 for an anonymous request.
inline int64_t viewer_of(const http::Request& request) {
  return request.principal ? request.principal->user_id : 0;
}

// Registers every /v1/gallery route; `ready` returns the runtime once started, else null.
void register_gallery_routes(http::Router& router, std::function<GalleryRuntime*()> ready);

}  // namespace sp::gallery
