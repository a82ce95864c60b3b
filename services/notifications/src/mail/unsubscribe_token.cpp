#include "mail/unsubscribe_token.hpp"

#include "strangeprompt/core/id.hpp"
#include "strangeprompt/security/digest.hpp"
#include "strangeprompt/security/encoding.hpp"

namespace sp::notifications::mail {
namespace {
std::string mac(std::string_view key, std::string_view payload) {
  return security::base64url_encode(security::hmac_sha256(key, payload));
}
}  // namespace

std::string unsubscribe_token(std::string_view key, int64_t user_id, std::string_view category) {
  std::string payload = std::to_string(user_id) + "." + std::string(category);
  return payload + "." + mac(key, payload);
}

std::optional<Unsubscribe> open_unsubscribe_token(std::string_view key, std::string_view token) {
  const std::size_t last = token.rfind('.');
  if (last == std::string_view::npos) return std::nullopt;
  const std::string_view payload = token.substr(0, last);
  if (!security::constant_time_equals(mac(key, payload), token.substr(last + 1))) {
    return std::nullopt;
  }
  const std::size_t dot = payload.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto user = parse_id(payload.substr(0, dot));
  std::string_view category = payload.substr(dot + 1);
  if (!user || category.empty()) return std::nullopt;
  return Unsubscribe{.user_id = *user, .category = std::string(category)};
}

}  // namespace sp::notifications::mail
