#pragma once
// Media delivery under /media/...: immutable, cacheable variant bytes with Range support.
#include <cstdint>
#include <string>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::media {

struct MediaContext;

// "/media/o/<id>/with-parameters" or ".../without-parameters": the path a signed original URL
// covers (the mode is signed with it).
std::string original_path(int64_t media_id, bool hide_parameters);

namespace handlers {

// GET /media/v/{id}/{tag}/{file}: Content-Type image/webp, Cache-Control public, max-age one
// year, immutable; a strong ETag; nosniff; Accept-Ranges with 206/416 answers.
Result<http::Response> serve_variant(const MediaContext& ctx, http::Request& request);
// GET /media/o/{id}/{mode}?exp=&sig=: the original as MediaLibrary::original gives it; 403 for a
// missing or wrong signature, 410 once expired; private caching, nosniff, Range as above.
Result<http::Response> serve_original(const MediaContext& ctx, http::Request& request);

}  // namespace handlers
}  // namespace sp::media
