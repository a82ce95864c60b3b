#pragma once
// The media routes: POST /v1/media/uploads and GET /v1/media/{id}.
#include <cstddef>
#include <functional>

namespace sp::http {
class Router;
}

namespace sp::media {

class MediaLibrary;

// The library once the service has started, else null (503).
using LibraryProvider = std::function<MediaLibrary*()>;

void register_media_routes(http::Router& router, LibraryProvider library,
                           std::size_t max_upload_bytes);

}  // namespace sp::media
