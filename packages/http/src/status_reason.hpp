#pragma once
// Reason phrases for status lines and problem titles.
#include <string_view>

namespace sp::http {

// "Not Found" for 404; "Unknown" for codes we never send.
std::string_view reason_phrase(int status);

}  // namespace sp::http
