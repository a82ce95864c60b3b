#pragma once
// The event envelope carried as a Record's payload:
//   {"id":"...","type":"gallery.views","version":1,"occurredAt":"<RFC 3339>","key":"...",
//    "data":{...}}
// `type` is the topic; the schema of type + version lives in
// schemas/events/<type>.v<version>.json.
#include <cstdint>
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp::events {

struct Envelope {
  std::string id;                // unique per event (consumers deduplicate on it)
  std::string type;              // topic name, e.g. "gallery.views"
  int version = 1;               // schema version of `data`, >= 1
  int64_t occurred_at_ms = 0;    // Unix milliseconds; serialised as RFC 3339 UTC
  std::string key;               // partition key, e.g. the post id (may be empty)
  std::string data_json = "{}";  // a JSON object, as text

  // Serialises the envelope; kInvalidArgument for an empty id, a type that is not a topic name,
  // a version below 1, a negative time, or a data_json that is not a JSON object.
  Result<std::string> to_json() const;
  // Parses and validates every field (all are required; only `key` may be empty);
  // kInvalidArgument with one FieldError per bad field.
  static Result<Envelope> parse(std::string_view json);
};

// True for "a.b" style topic names: lower-case segments of [a-z0-9_] joined by '.'.
bool is_valid_topic(std::string_view topic);

}  // namespace sp::events
