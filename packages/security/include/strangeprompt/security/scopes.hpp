#pragma once
// OAuth scopes carried in access tokens and API keys (RFC 6749 §3.3: space-separated tokens).
// No scope implies another: "admin" grants admin operations only.
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sp::security {

namespace scopes {
inline constexpr std::string_view kProfileWrite = "profile:write";
inline constexpr std::string_view kGalleryWrite = "gallery:write";
inline constexpr std::string_view kMediaWrite = "media:write";
inline constexpr std::string_view kNotificationsRead = "notifications:read";
inline constexpr std::string_view kAdmin = "admin";
}  // namespace scopes

// Every scope the platform defines.
std::span<const std::string_view> known_scopes();
bool is_known_scope(std::string_view scope);

// The tokens of a space-separated scope string; runs of spaces are tolerated.
std::vector<std::string> parse_scopes(std::string_view scope);
std::string join_scopes(const std::vector<std::string>& scopes);
// Non-empty scope-tokens (printable ASCII except space, '"' and '\') separated by single spaces;
// the empty string (no scopes) is valid too.
bool is_valid_scope_string(std::string_view scope);

// True if every scope in `required` is in `granted`.
bool has_all_scopes(const std::vector<std::string>& granted,
                    std::initializer_list<std::string_view> required);
bool has_all_scopes(const std::vector<std::string>& granted,
                    const std::vector<std::string>& required);

}  // namespace sp::security
