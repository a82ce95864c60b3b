#pragma once
// Parses RFC 3339 date-times ("2026-01-31T12:00:00Z"; fractional seconds and "+hh:mm" offsets
// allowed). Formatting lives in clock.hpp (format_rfc3339_ms).
#include <cstdint>
#include <optional>
#include <string_view>

namespace sp {

// Unix milliseconds (fractions truncate to ms), or nullopt for anything that is not a full,
// valid RFC 3339 date-time with 'Z' or a numeric offset.
std::optional<int64_t> parse_rfc3339_ms(std::string_view text);

}  // namespace sp
