#pragma once
// Pure rules of profile and preference input: links, time zones, hidden tags, notification
// categories. No I/O beyond the time-zone database lookup.
#include <string>
#include <string_view>
#include <vector>

namespace sp::profile {

inline constexpr std::size_t kMaxBioChars = 500;
inline constexpr std::size_t kMaxDisplayNameChars = 50;
inline constexpr std::size_t kMaxLinks = 5;
inline constexpr std::size_t kMaxLinkChars = 2048;
inline constexpr std::size_t kMaxHiddenTags = 100;
inline constexpr std::size_t kMaxTagChars = 64;
inline constexpr std::size_t kMaxHiddenCreators = 500;

// The notification categories a user sets channels for, in API order.
const std::vector<std::string>& notification_categories();

// An absolute http:// or https:// URL with a host and no whitespace or control characters.
bool is_profile_link(std::string_view url);

// Whether `name` is an IANA time-zone name: a file of the system tz database (/usr/share/zoneinfo,
// or $TZDIR) when that folder exists, else one of a fixed list of common zones. Names with "..",
// a leading '/', or characters outside [A-Za-z0-9_+-/] are refused before any file lookup.
bool is_time_zone(std::string_view name);

// A hidden tag as stored: trimmed and lower-case; empty when nothing is left.
std::string normalise_tag(std::string_view tag);

}  // namespace sp::profile
