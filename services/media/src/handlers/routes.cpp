#include "handlers/routes.hpp"

#include <chrono>

#include "handlers/delivery.hpp"
#include "handlers/media_context.hpp"
#include "handlers/review_handlers.hpp"
#include "handlers/views.hpp"
#include "logic/media_library.hpp"
#include "logic/upload_body.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/http/caching.hpp"
#include "strangeprompt/http/handler.hpp"
#include "strangeprompt/http/request_readers.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/security/scopes.hpp"

namespace sp::media {
namespace handlers {

// How long shared caches may keep the public view of a media.
constexpr std::chrono::seconds kPublicMediaMaxAge{60};

// POST /v1/media/uploads: 202 {"id","status"} for new bytes and for the owner's same bytes again.
// The HTTP layer has streamed the body (or its multipart file part) to a spooled file, hashing it
// on the way; the original is copied from that file to the blob store in pieces.
Result<http::Response> upload(const MediaContext& ctx, http::Request& request) {
  // In-process callers (the demo seeder) hand the body in memory: taken as a raw body.
  const bool spooled = request.spooled != nullptr;
  SP_TRY(check_upload_body(request.header("content-type"), spooled && request.spooled->multipart,
                           spooled ? request.spooled->size : request.body.size()));
  UploadSource source = spooled
                            ? source_from_file(request.spooled->path, request.spooled->head,
                                               request.spooled->sha256_hex, request.spooled->size)
                            : source_from_bytes(request.body);
  SP_ASSIGN_OR_RETURN(UploadOutcome outcome,
                      ctx.library.upload(request.principal->user_id, source));
  http::Response response = http::Response::json(
      202, JsonObject().id("id", outcome.media.id).string("status", outcome.media.status).str());
  response.set_header("Location", "/v1/media/" + std::to_string(outcome.media.id));
  return response;
}

// GET /v1/media/{id}: the owner's full view (private); for anyone else (signed in or not) the
// public view of a ready, approved media used in a public post of its owner, else 404. Both carry
// an ETag; the public one may be cached by shared caches for a minute (a withdrawn post makes it
// 404 again), and Vary: Authorization keeps the two apart.
Result<http::Response> get_media(const MediaContext& ctx, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  const int64_t viewer = request.principal ? request.principal->user_id : 0;
  SP_ASSIGN_OR_RETURN(MediaView view, ctx.library.get(viewer, id));
  http::Response response = http::Response::json(200, media_json(view));
  response.set_header("Cache-Control", view.owner_view
                                           ? http::private_cache(std::chrono::seconds(0))
                                           : http::public_cache(kPublicMediaMaxAge));
  response.set_header("Vary", "Authorization");
  return http::conditional_get(request, std::move(response));
}

// GET /v1/media/{id}/original?hideParams=true|false: a signed URL, valid
// media.original_url_ttl_seconds, of the owner's original (generation parameters kept unless
// hideParams).
Result<http::Response> original_url(const MediaContext& ctx, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_ASSIGN_OR_RETURN(MediaView view, ctx.library.get_owned(request.principal->user_id, id));
  std::optional<std::string> hide = request.query_param("hideParams");
  if (hide && *hide != "true" && *hide != "false") {
    return Error::invalid("hideParams must be true or false");
  }
  const std::string path = original_path(view.media.id, hide && *hide == "true");
  const std::string url = path + ctx.signer.sign(path, ctx.original_ttl);
  return http::Response::json(
      200, JsonObject()
               .string("url", url)
               .time("expiresAt", ctx.clock.now_ms() + ctx.original_ttl.count() * 1000)
               .str());
}

}  // namespace handlers

void register_media_routes(http::Router& router, ContextProvider library,
                           std::size_t max_upload_bytes, const std::string& upload_spool_dir) {
  http::RouteOptions upload_options;
  upload_options.auth = http::AuthMode::kRequired;
  upload_options.scopes = {std::string(security::scopes::kMediaWrite)};
  upload_options.max_body_bytes = max_upload_bytes;
  upload_options.spool_dir = upload_spool_dir;  // streamed to disk, never whole in memory
  // No token, a bad one or no media:write scope: 401/403 from the head, nothing read or spooled.
  upload_options.authorize_before_body = true;
  router.add(http::Method::kPost, "/v1/media/uploads",
             http::adapt("media", library, handlers::upload), upload_options);

  http::RouteOptions delivery_options;  // public: the URL's tag is the capability
  delivery_options.name = "/media/v";
  router.add(http::Method::kGet, "/media/v/{id}/{tag}/{file}",
             http::adapt("media", library, handlers::serve_variant), delivery_options);
  http::RouteOptions original_options;  // the signature is the capability
  original_options.name = "/media/o";
  router.add(http::Method::kGet, "/media/o/{id}/{mode}",
             http::adapt("media", library, handlers::serve_original), original_options);

  http::RouteOptions public_read_options;  // the owner, or anyone once the media is public
  public_read_options.auth = http::AuthMode::kOptional;
  router.add(http::Method::kGet, "/v1/media/{id}",
             http::adapt("media", library, handlers::get_media), public_read_options);
  http::RouteOptions read_options;
  read_options.auth = http::AuthMode::kRequired;
  router.add(http::Method::kGet, "/v1/media/{id}/original",
             http::adapt("media", library, handlers::original_url), read_options);

  http::RouteOptions admin_options;
  admin_options.auth = http::AuthMode::kRequired;
  admin_options.scopes = {std::string(security::scopes::kAdmin)};
  router.add(http::Method::kGet, "/v1/media/review",
             http::adapt("media", library, handlers::list_review), admin_options);
  router.add(http::Method::kPost, "/v1/media/{id}/review",
             http::adapt("media", library, handlers::review), admin_options);
}

}  // namespace sp::media
