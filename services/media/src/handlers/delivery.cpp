#include "handlers/delivery.hpp"

#include "handlers/media_context.hpp"
#include "logic/byte_range.hpp"
#include "logic/media_library.hpp"
#include "strangeprompt/http/request_readers.hpp"
#include "strangeprompt/security/digest.hpp"

namespace sp::media {

std::string original_path(int64_t media_id, bool hide_parameters) {
  return "/media/o/" + std::to_string(media_id) +
         (hide_parameters ? "/without-parameters" : "/with-parameters");
}

namespace handlers {
namespace {

constexpr const char* kImmutable = "public, max-age=31536000, immutable";

// True when the If-None-Match list names `etag` (weak comparison) or is "*".
bool matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.empty()) return false;
  std::string_view bare = etag.substr(1, etag.size() - 2);
  if (if_none_match.find('*') != std::string_view::npos) return true;
  return if_none_match.find(bare) != std::string_view::npos;
}

// The bytes with ETag, nosniff, Content-Type and Range handling (200, 206, 304 or 416).
http::Response bytes_response(const http::Request& request, std::string bytes,
                              std::string content_type, std::string cache_control) {
  const std::string etag = "\"" + security::sha256_hex(bytes).substr(0, 32) + "\"";
  http::Response response;
  response.set_header("ETag", etag);
  response.set_header("Cache-Control", std::move(cache_control));
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Accept-Ranges", "bytes");
  if (matches(request.header("if-none-match"), etag)) {
    response.status = 304;
    return response;
  }
  response.set_header("Content-Type", std::move(content_type));
  // A Range with If-Range naming another version is answered whole (RFC 9110 §13.1.5).
  std::string_view if_range = request.header("if-range");
  RangeAnswer range = (if_range.empty() || if_range == etag)
                          ? resolve_range(request.header("range"), bytes.size())
                          : RangeAnswer{};
  const std::string size = std::to_string(bytes.size());
  switch (range.verdict) {
    case RangeVerdict::kWhole:
      response.status = 200;
      response.body = std::move(bytes);
      break;
    case RangeVerdict::kPartial:
      response.status = 206;
      response.set_header("Content-Range", "bytes " + std::to_string(range.range.first) + "-" +
                                               std::to_string(range.range.last) + "/" + size);
      response.body = bytes.substr(range.range.first, range.range.last - range.range.first + 1);
      break;
    case RangeVerdict::kUnsatisfiable:
      response.status = 416;
      response.set_header("Content-Range", "bytes */" + size);
      response.set_header("Content-Type", "text/plain; charset=utf-8");
      break;
  }
  return response;
}

}  // namespace

Result<http::Response> serve_variant(const MediaContext& ctx, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_ASSIGN_OR_RETURN(MediaLibrary::Download file,
                      ctx.library.variant(id, request.param("tag"), request.param("file")));
  return bytes_response(request, std::move(file.bytes), std::move(file.content_type), kImmutable);
}

Result<http::Response> serve_original(const MediaContext& ctx, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  std::string_view mode = request.param("mode");
  if (mode != "with-parameters" && mode != "without-parameters") {
    return Error::not_found("no such media file");
  }
  const std::string path = original_path(id, mode == "without-parameters");
  SP_TRY(ctx.signer.verify(path, request.query_param("exp").value_or(""),
                           request.query_param("sig").value_or("")));
  SP_ASSIGN_OR_RETURN(MediaLibrary::Download file,
                      ctx.library.original(id, mode == "with-parameters"));
  http::Response response = bytes_response(request, std::move(file.bytes),
                                           std::move(file.content_type), "private, max-age=300");
  response.set_header("Content-Disposition", "attachment");
  return response;
}

}  // namespace handlers
}  // namespace sp::media
