#include "handlers/delivery.hpp"

#include "logic/byte_range.hpp"
#include "logic/media_library.hpp"
#include "strangeprompt/http/request_readers.hpp"
#include "strangeprompt/security/digest.hpp"

namespace sp::media::handlers {
namespace {

constexpr const char* kImmutable = "public, max-age=31536000, immutable";

// True when the If-None-Match list names `etag` (weak comparison) or is "*".
bool matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.empty()) return false;
  std::string_view bare = etag.substr(1, etag.size() - 2);
  if (if_none_match.find('*') != std::string_view::npos) return true;
  return if_none_match.find(bare) != std::string_view::npos;
}

}  // namespace

Result<http::Response> serve_variant(MediaLibrary& library, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_ASSIGN_OR_RETURN(std::string bytes,
                      library.variant(id, request.param("tag"), request.param("file")));
  const std::string etag = "\"" + security::sha256_hex(bytes).substr(0, 32) + "\"";
  http::Response response;
  response.set_header("ETag", etag);
  response.set_header("Cache-Control", kImmutable);
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Accept-Ranges", "bytes");
  if (matches(request.header("if-none-match"), etag)) {
    response.status = 304;
    return response;
  }
  response.set_header("Content-Type", "image/webp");
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

}  // namespace sp::media::handlers
