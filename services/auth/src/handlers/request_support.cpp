#include "handlers/request_support.hpp"

#include "handlers/auth_flows.hpp"
#include "strangeprompt/core/strings.hpp"

namespace sp::auth {

std::string refresh_cookie(std::string_view token, int64_t max_age_seconds, bool secure) {
  std::string cookie = std::string(kRefreshCookie) + "=" + std::string(token) +
                       "; Path=" + std::string(kRefreshCookiePath) +
                       "; Max-Age=" + std::to_string(max_age_seconds) +
                       "; HttpOnly; SameSite=Strict";
  if (secure) cookie += "; Secure";
  return cookie;
}

std::string cleared_refresh_cookie(bool secure) {
  return refresh_cookie("", 0, secure);
}

Status check_origin(const http::Request& request, const AuthSettings& settings) {
  std::string_view origin = request.header("origin");
  if (origin.empty()) return Error::forbidden("the Origin header is required with the cookie");
  // The page's own origin: the scheme the request arrived over and its Host header, so a page
  // opened at any host and port (127.0.0.1, localhost, a LAN name) can refresh. A cross-site
  // page cannot forge Origin, and the Host it reached is this server's own.
  std::string_view host = request.header("host");
  if (!host.empty()) {
    std::string own = std::string(request.secure ? "https://" : "http://") + std::string(host);
    if (iequals_ascii(own, origin)) return ok_status();
  }
  for (const std::string& allowed : settings.allowed_origins) {
    std::string_view a = trim(allowed);
    while (a.ends_with('/')) a.remove_suffix(1);
    if (iequals_ascii(a, origin)) return ok_status();
  }
  return Error::forbidden("cross-origin request refused");
}

Result<const http::Principal*> session_principal(const http::Request& request) {
  if (!request.principal) return Error::unauthenticated("sign in first");
  return &*request.principal;
}

int64_t current_session_id(const AuthFlows& flows, const http::Request& request, int64_t user_id) {
  std::optional<std::string> cookie = request.cookie(kRefreshCookie);
  if (!cookie || cookie->empty()) return 0;
  auto family = flows.sessions.family_of(*cookie);
  return family.ok() && *family && (*family)->user_id == user_id ? (*family)->id : 0;
}

}  // namespace sp::auth
