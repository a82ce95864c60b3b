#pragma once
// Minimal JSON text writing for hot paths and headers that must stay light (no Boost.JSON).
#include <string>
#include <string_view>

namespace sp {

// Appends `s` as a quoted JSON string, escaping control characters, quotes and backslashes.
void append_json_string(std::string& out, std::string_view s);
std::string json_quote(std::string_view s);

}  // namespace sp
