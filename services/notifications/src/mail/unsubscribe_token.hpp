#pragma once
// Signed one-click unsubscribe tokens (RFC 8058): "<user>.<category>.<mac>", the MAC an
// HMAC-SHA-256 under notifications.unsubscribe_key, so a token works without logging in and
// cannot be forged or moved to another user or category. They do not expire (mail clients may
// use them months later); the worst a leaked token does is turn one category's mail off.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sp::notifications::mail {

struct Unsubscribe {
  int64_t user_id = 0;
  std::string category;
};

std::string unsubscribe_token(std::string_view key, int64_t user_id, std::string_view category);
std::optional<Unsubscribe> open_unsubscribe_token(std::string_view key, std::string_view token);

}  // namespace sp::notifications::mail
