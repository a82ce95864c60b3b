#pragma once
// JSON shapes of the auth API (the field names are a contract with the web app and clients).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "logic/signed_in.hpp"
#include "store/records.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::auth {

// The device cookie (logic/trusted_devices.hpp): opaque, bound to one account, sent only to
// /v1/auth; Set-Cookie value with HttpOnly, SameSite=Strict, Secure over TLS.
inline constexpr std::string_view kDeviceCookie = "sp_device";
std::string device_cookie(std::string_view token, int64_t max_age_seconds, bool secure);

// {"id","handle","email","emailVerified"}
std::string user_json(const User& user);
// {"id","userAgent","address","createdAt","lastUsedAt","expiresAt","current"}
std::string session_json(const RefreshFamily& family, bool current);
// {"id","name","prefix","scopes","createdAt","expiresAt","lastUsedAt","revokedAt"} plus "key"
// (the secret) only in the answer to its creation.
std::string api_key_json(const ApiKey& key, std::optional<std::string_view> secret = {});

struct RefreshDelivery {
  bool in_cookie = true;  // Set-Cookie (browsers)
  bool in_body = false;   // "refreshToken" in the body (clients that asked for it)
};

// {"user":{...},"accessToken","expiresIn"[,"refreshToken"]}, never cached, with the refresh
// token delivered as `delivery` says and the new device cookie, if any, after it.
http::Response signed_in_response(int status, const SignedIn& signed_in,
                                  const http::Request& request, const Clock& clock,
                                  RefreshDelivery delivery);

}  // namespace sp::auth
