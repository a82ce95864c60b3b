#pragma once
// Event records -> Counting calls. A malformed record is logged and skipped (returning ok, so it
// does not block its topic); a store failure is returned, so the record is retried.
#include "logic/counting.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::analytics {

Status take_view_batch(Counting& counting, const events::Record& record);
Status take_like(Counting& counting, const events::Record& record);
Status take_comment(Counting& counting, const events::Record& record);
Status take_post_published(Counting& counting, const events::Record& record);
Status take_user_deleted(Counting& counting, const events::Record& record);

// Parses an analytics.view_batch record; nullopt when malformed (exposed for the benchmark).
std::optional<ViewBatch> parse_view_batch(const events::Record& record);

}  // namespace sp::analytics
