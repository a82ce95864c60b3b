#pragma once
// The moderation stage a processed image passes before it may appear in a public post: built-in
// checks (a perceptual-hash blocklist, the file policy) and then, when configured, an external
// provider. Outcomes: approved | needs_review | rejected, with a reason.
//
// External provider contract (media.moderation_url): POST application/json
//   {"mediaId": "<id>", "ownerId": "<id>", "width": W, "height": H, "format": "webp",
//    "image": "<base64url, unpadded, of the 512-px variant (or the largest below it)>"}
// answered 2xx with {"outcome": "approved"|"needs_review"|"rejected", "reason": "<optional>"}.
// A timeout (media.moderation_timeout_ms), a non-2xx answer or any other body counts as the
// provider being down: the media is approved when media.moderation_fail_open is true, else it
// goes to needs_review ("the moderation provider did not answer").
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/image_pipeline.hpp"
#include "store/media_store.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::media {

inline constexpr const char* kOutcomeApproved = "approved";
inline constexpr const char* kOutcomeNeedsReview = "needs_review";
inline constexpr const char* kOutcomeRejected = "rejected";

struct ModerationVerdict {
  std::string outcome;  // kOutcomeApproved | kOutcomeNeedsReview | kOutcomeRejected
  std::optional<std::string> reason;
};

struct ModerationPolicy {
  std::vector<uint64_t> blocklist;  // media.moderation_blocklist (16-hex-digit dHashes)
  int blocklist_distance = 6;       // media.moderation_blocklist_distance: a match within this
  double max_aspect_ratio = 20;     // file policy: longer/shorter side above this needs review
  bool fail_open = false;           // media.moderation_fail_open
};

// The provider's verdict on one image; an error means it did not answer usably.
using ModerationProvider =
    std::function<Result<ModerationVerdict>(const MediaRecord& media, const ProcessedImage& image)>;

// Built-in checks first (a blocklist match is rejected, the file policy may ask for review), then
// the provider when there is one.
ModerationVerdict moderate(const ModerationPolicy& policy, const ModerationProvider& provider,
                           const MediaRecord& media, const ProcessedImage& image);

// The provider over HTTP (the contract above).
ModerationProvider http_moderation_provider(std::string url, std::chrono::milliseconds timeout);

// The provider's request body and the parse of its answer, apart from I/O for the tests.
std::string moderation_request_json(const MediaRecord& media, const ProcessedImage& image);
Result<ModerationVerdict> parse_moderation_answer(std::string_view body);

}  // namespace sp::media
