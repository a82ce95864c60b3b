#pragma once
// Finds a member name given twice in one JSON object. Boost.JSON keeps the last of duplicates
// silently; two parsers that pick differently (a gateway and a service) would see different
// requests, so request bodies with duplicates are refused.
#include <optional>
#include <string>
#include <string_view>

namespace sp::http {

// The first repeated member name in `json_text`; nullopt when there is none or the text is not
// valid JSON (the caller's parse reports that).
std::optional<std::string> first_duplicate_key(std::string_view json_text);

}  // namespace sp::http
