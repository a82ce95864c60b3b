#pragma once
// Media delivery under /media/...: immutable, cacheable variant bytes with Range support.
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::media {

class MediaLibrary;

namespace handlers {

// GET /media/v/{id}/{tag}/{file}: Content-Type image/webp, Cache-Control public, max-age one
// year, immutable; a strong ETag; nosniff; Accept-Ranges with 206/416 answers.
Result<http::Response> serve_variant(MediaLibrary& library, http::Request& request);

}  // namespace handlers
}  // namespace sp::media
