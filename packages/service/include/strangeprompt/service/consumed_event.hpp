#pragma once
// Reading a consumed event: its envelope time and its data as a typed reader (http::JsonBody), so
// a consumer reads an event's fields the way a handler reads a request body. A malformed record
// is logged under the consuming service's name and skipped (retrying cannot fix it).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/http/json_body.hpp"

namespace sp::service {

struct ConsumedEvent {
  std::string id;  // the envelope's event id (consumers deduplicate on it)
  int64_t occurred_at_ms;
  http::JsonBody data;
  std::string data_json;  // the same data as text, for readers of a whole sub-document
};

// nullopt (logged) when the envelope or its data is malformed.
std::optional<ConsumedEvent> read_event(std::string_view service, const events::Record& record);

// Whether the fields read from `data` are valid. Unknown members are allowed (newer producers may
// add some); an invalid read field is logged and makes the event skipped (false).
bool valid(std::string_view service, const events::Record& record, const http::JsonBody& data);

}  // namespace sp::service
