#include "handlers/views.hpp"

#include <algorithm>

#include "handlers/request_support.hpp"
#include "strangeprompt/core/id.hpp"
#include "strangeprompt/core/json_writer.hpp"

namespace sp::auth {

std::string device_cookie(std::string_view token, int64_t max_age_seconds, bool secure) {
  std::string cookie = std::string(kDeviceCookie) + "=" + std::string(token) +
                       "; Path=" + std::string(kRefreshCookiePath) +
                       "; Max-Age=" + std::to_string(max_age_seconds) +
                       "; HttpOnly; SameSite=Strict";
  if (secure) cookie += "; Secure";
  return cookie;
}

std::string user_json(const User& user) {
  return JsonObject()
      .string("id", id_to_string(user.id))
      .string("handle", user.handle)
      .string("email", user.email)
      .boolean("emailVerified", user.email_verified)
      .str();
}

std::string session_json(const RefreshFamily& family, bool current) {
  return JsonObject()
      .string("id", id_to_string(family.id))
      .string("userAgent", family.user_agent)
      .string("address", family.address)
      .time("createdAt", family.created_at_ms)
      .time("lastUsedAt", family.last_used_at_ms)
      .time("expiresAt", family.absolute_expires_at_ms)
      .boolean("current", current)
      .str();
}

std::string api_key_json(const ApiKey& key, std::optional<std::string_view> secret) {
  JsonObject out;
  out.string("id", id_to_string(key.id))
      .string("name", key.name)
      .string("prefix", key.prefix)
      .strings("scopes", key.scopes)
      .time("createdAt", key.created_at_ms)
      .time("expiresAt", key.expires_at_ms)
      .time("lastUsedAt", key.last_used_at_ms)
      .time("revokedAt", key.revoked_at_ms);
  if (secret) out.string("key", *secret);
  return out.str();
}

http::Response signed_in_response(int status, const SignedIn& signed_in,
                                  const http::Request& request, const Clock& clock,
                                  RefreshDelivery delivery) {
  JsonObject body;
  body.raw("user", user_json(signed_in.user))
      .string("accessToken", signed_in.access.token)
      .integer("expiresIn", signed_in.access.expires_in_seconds);
  if (delivery.in_body) body.string("refreshToken", signed_in.refresh.token);
  http::Response response = http::Response::json(status, body.str());
  response.set_header("Cache-Control", "no-store");
  if (delivery.in_cookie) {
    const int64_t max_age =
        std::max<int64_t>(0, (signed_in.refresh.expires_at_ms - clock.now_ms()) / 1000);
    response.set_header("Set-Cookie",
                        refresh_cookie(signed_in.refresh.token, max_age, request.secure));
  }
  if (signed_in.device) {
    const int64_t max_age =
        std::max<int64_t>(0, (signed_in.device->expires_at_ms - clock.now_ms()) / 1000);
    // A second Set-Cookie (set_header would replace the refresh cookie's).
    response.headers.emplace_back("Set-Cookie",
                                  device_cookie(signed_in.device->token, max_age, request.secure));
  }
  return response;
}

}  // namespace sp::auth
