#pragma once
// Reading a consumed event: its envelope time and its data as a typed reader. Shared by the
// gallery's consumers (profile copy, media copy, view counts).
#include <cstdint>
#include <optional>

#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/http/json_body.hpp"

namespace sp::gallery {

struct EventData {
  int64_t occurred_at_ms;
  http::JsonBody data;
};

// nullopt (logged) when the envelope or its data is malformed.
std::optional<EventData> read_event(const events::Record& record);

// Whether the fields read from `data` are valid. Unknown members are allowed (newer producers may
// add some); an invalid read field is logged and makes the event skipped (false).
bool valid(const events::Record& record, const http::JsonBody& data);

}  // namespace sp::gallery
