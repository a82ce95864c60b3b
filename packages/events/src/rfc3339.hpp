#pragma once
// RFC 3339 timestamps ("2026-11-26T03:36:39.123Z", "...+02:00") to Unix milliseconds.
#include <cstdint>
#include <optional>
#include <string_view>

namespace sp::events {

// nullopt for anything but a full date-time with 'Z' or a numeric offset; fractions truncate to ms.
std::optional<int64_t> parse_rfc3339_ms(std::string_view text);

}  // namespace sp::events
