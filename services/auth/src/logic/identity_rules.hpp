#pragma once
// How emails, handles and log-in names are normalised and validated. Normalised forms are what
// the store keeps and compares, which makes uniqueness case-insensitive.
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp::auth {

inline constexpr std::size_t kMaxEmailBytes = 254;  // RFC 5321 path limit
inline constexpr std::size_t kMinHandle = 3;
inline constexpr std::size_t kMaxHandle = 30;

// Trimmed and lower-cased; kInvalidArgument (field "email") unless it looks like local@domain.tld
// with no spaces or control characters.
Result<std::string> normalise_email(std::string_view email);
// Lower-cased; kInvalidArgument (field "handle") unless 3–30 of [a-z0-9_].
Result<std::string> normalise_handle(std::string_view handle);
// What a log-in name is looked up by: trimmed, lower-cased (email or handle).
std::string normalise_login(std::string_view login);

}  // namespace sp::auth
