#pragma once
// Parses the RFC 3339 timestamps clients send ("2026-01-31T12:00:00Z", fractional seconds and
// "+hh:mm" offsets allowed).
#include <cstdint>
#include <optional>
#include <string_view>

namespace sp::auth {

// Unix milliseconds, or nullopt for anything that is not a valid RFC 3339 date-time.
std::optional<int64_t> parse_rfc3339_ms(std::string_view text);

}  // namespace sp::auth
