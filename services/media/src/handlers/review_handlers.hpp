#pragma once
// The admin review queue (scope admin): GET /v1/media/review, POST /v1/media/{id}/review.
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::media {

struct MediaContext;

namespace handlers {

// Cursor-paged list of media whose moderation outcome is needs_review, oldest first.
Result<http::Response> list_review(const MediaContext& ctx, http::Request& request);
// {"outcome": "approved"|"rejected", "reason"?: string <= 500}: the media with its new verdict.
Result<http::Response> review(const MediaContext& ctx, http::Request& request);

}  // namespace handlers
}  // namespace sp::media
