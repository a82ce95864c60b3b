#pragma once
// The gateway's answer to a GET/HEAD: a file of the site (hashed assets immutable for a year,
// everything else revalidated), index.html for client routes (the SPA fallback), or a
// problem+json 404 for API-looking paths and missing files. Every answer carries the security
// headers; HSTS only over TLS.
#include <string_view>

#include "static_site.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::gateway {

// Paths the SPA never owns: an unknown one stays a problem+json 404 ("/v1/...", "/media/...",
// "/assets/...", the operations endpoints), as does a last segment with a dot (a missing file).
bool reserved_path(std::string_view path);

// The Content-Security-Policy of the app: same-origin scripts only (no inline script), inline
// style attributes not needed either, images also from data: (blurhash placeholders).
extern const std::string_view kContentSecurityPolicy;

// The home page's first feed request, preloaded by a Link header on GET / so it starts when the
// page's headers arrive. Must equal earlyFeedUrl("/", "") in web/src/feed-url.ts (the e2e test
// checks that the browser used the preload).
extern const std::string_view kHomeFeedPreload;

http::Response site_response(const StaticSite& site, const http::Request& request);

// Adds the security headers every gateway answer carries.
void add_security_headers(http::Response& response, bool secure);

}  // namespace sp::gateway
