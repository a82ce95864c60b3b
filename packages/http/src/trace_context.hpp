#pragma once
// Request ids and W3C Trace Context (traceparent) parsing and generation.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sp::http {

// A parsed `traceparent` header; the views point into the header value.
struct TraceParent {
  std::string_view trace_id;   // 32 lower-case hex, not all zero
  std::string_view parent_id;  // 16 lower-case hex, not all zero
  std::string_view flags;      // 2 lower-case hex
};

// nullopt unless `value` is a valid traceparent (version 00, or a later version's prefix).
std::optional<TraceParent> parse_traceparent(std::string_view value);

// An incoming x-request-id we are willing to echo and log: 1..128 of [A-Za-z0-9._:-].
bool is_sane_request_id(std::string_view value);

// Appends `chars` random lower-case hex digits (a fast per-thread PRNG, not for secrets).
void append_random_hex(std::string& out, std::size_t chars);

}  // namespace sp::http
