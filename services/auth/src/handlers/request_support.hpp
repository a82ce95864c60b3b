#pragma once
// What the auth handlers read off a request besides its body and the shared readers
// (http::client_info, http::path_id): the caller, the refresh cookie and its CSRF (Origin) check.
#include <cstdint>
#include <string>
#include <string_view>

#include "logic/client_info.hpp"
#include "logic/settings.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"
#include "strangeprompt/http/request_readers.hpp"

namespace sp::auth {

struct AuthFlows;

inline constexpr std::string_view kRefreshCookie = "sp_refresh";
inline constexpr std::string_view kRefreshCookiePath = "/v1/auth";

// Set-Cookie value carrying a refresh token: HttpOnly, SameSite=Strict, Path=/v1/auth, Secure
// when the request came over TLS.
std::string refresh_cookie(std::string_view token, int64_t max_age_seconds, bool secure);
// Set-Cookie value that deletes the refresh cookie.
std::string cleared_refresh_cookie(bool secure);

// kPermissionDenied unless the Origin header is the request's own origin (its scheme and Host
// header) or one of settings.allowed_origins. Required before
// acting on the refresh cookie, which a cross-site page could otherwise make the browser send.
Status check_origin(const http::Request& request, const AuthSettings& settings);

// The caller of a route declared AuthMode::kRequired with api_keys = false (the pipeline refuses
// API keys there: they cannot manage sessions, passwords or other keys); kUnauthenticated
// without one.
Result<const http::Principal*> session_principal(const http::Request& request);

// The caller's current session: the live family of the refresh cookie when it belongs to
// `user_id`, else 0 (non-browser clients have no cookie).
int64_t current_session_id(const AuthFlows& flows, const http::Request& request, int64_t user_id);

}  // namespace sp::auth
