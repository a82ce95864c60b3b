#pragma once
// The media routes: uploads, reads, the original's signed URL and delivery under /media.
#include <cstddef>
#include <functional>
#include <string>

namespace sp::http {
class Router;
}

namespace sp::media {

struct MediaContext;

// The context once the service has started, else null (503).
using ContextProvider = std::function<const MediaContext*()>;

// Upload bodies are spooled to files in `upload_spool_dir` (see http::RouteOptions::spool_dir).
void register_media_routes(http::Router& router, ContextProvider context,
                           std::size_t max_upload_bytes, const std::string& upload_spool_dir);

}  // namespace sp::media
