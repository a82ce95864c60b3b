#pragma once
// The events the media service writes and reads: media.processed v1 (outbox, in the transaction
// that settles the media) and user.deleted v1 (consumed: the user's media and blobs go).
#include <cstdint>
#include <optional>
#include <string_view>

#include "store/job_queue.hpp"
#include "store/media_store.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::media {

inline constexpr std::string_view kMediaProcessedTopic = "media.processed";
inline constexpr std::string_view kUserDeletedTopic = "user.deleted";

// schemas/events/media.processed.v1.json for a ready media: width, height, blurhash,
// dominantColor ("#rrggbb"), moderation (approved | needs_review | rejected) and variants
// [{name "w<width>", key (the variant's URL path under /media/v), width, height, contentType}].
// The event id is "<mediaId>.processed": a media settles once, so redeliveries deduplicate.
events::Envelope media_ready_event(const MediaRecord& media, const ProcessedRecord& result,
                                   int64_t at_ms);
// A ready media after an admin's review changed its moderation outcome: the same data with the
// new `moderation`, event id "<mediaId>.reviewed.<at>" (consumers keep the newest by occurredAt).
// nullopt for a media that is not ready.
std::optional<events::Envelope> media_reviewed_event(const MediaRecord& media, int64_t at_ms);
// The same for a media that will never be ready (status `failed`; a rejected file included),
// with failureReason.
events::Envelope media_failed_event(const MediaRecord& media, std::string_view reason,
                                    int64_t at_ms);

// The userId of a user.deleted v1 envelope; kInvalidArgument for anything else.
Result<int64_t> deleted_user_id(std::string_view payload);

}  // namespace sp::media
