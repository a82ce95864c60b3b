#pragma once
// Strict UTF-8 decoding (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
#include <cstddef>
#include <optional>
#include <string_view>

namespace sp::security::detail {

// Number of code points in `text`, or nullopt if it is not valid UTF-8.
std::optional<std::size_t> utf8_code_points(std::string_view text);

}  // namespace sp::security::detail
