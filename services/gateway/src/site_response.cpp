#include "site_response.hpp"

#include <array>

#include "encoding.hpp"
#include "strangeprompt/http/caching.hpp"

namespace sp::gateway {
namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";
constexpr std::string_view kShort = "public, max-age=3600";

bool compressible(const SiteFile& f) {
  return !f.brotli.empty() || !f.gzip.empty();
}

// The file's bytes in the coding the client accepts best, with matching headers; 304 when the
// client's If-None-Match holds this representation's ETag.
http::Response file_response(const SiteFile& file, const http::Request& request,
                             std::string_view cache_control) {
  Coding coding =
      choose_coding(request.header("accept-encoding"), !file.brotli.empty(), !file.gzip.empty());
  std::string etag = file.etag;
  if (coding != Coding::kIdentity) {
    // A representation per coding: strong validators must differ between byte sequences.
    etag.insert(etag.size() - 1, "-" + std::string(coding_name(coding)));
  }
  http::Response r;
  r.status = 200;
  r.set_header("Cache-Control", std::string(cache_control));
  r.set_header("ETag", etag);
  if (compressible(file)) r.set_header("Vary", "Accept-Encoding");
  std::string_view inm = request.header("if-none-match");
  if (!inm.empty() && http::if_none_match_hits(inm, etag)) {
    r.status = 304;
    return r;
  }
  r.set_header("Content-Type", file.content_type);
  if (coding != Coding::kIdentity)
    r.set_header("Content-Encoding", std::string(coding_name(coding)));
  const std::string& bytes = coding == Coding::kBrotli ? file.brotli
                             : coding == Coding::kGzip ? file.gzip
                                                       : file.identity;
  // HEAD: the server sends the headers (and the GET's Content-Length) without the body.
  r.body = bytes;
  return r;
}

}  // namespace

const std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'; manifest-src 'self'";

const std::string_view kHomeFeedPreload =
    "</v1/gallery/feed?limit=24&sort=hot>; rel=preload; as=fetch; crossorigin";

bool reserved_path(std::string_view path) {
  static constexpr std::array<std::string_view, 5> kPrefixes{"/v1/", "/media/", "/assets/",
                                                             "/.well-known/", "/api/"};
  static constexpr std::array<std::string_view, 6> kExact{"/v1",     "/media",   "/healthz",
                                                          "/readyz", "/metrics", "/assets"};
  for (std::string_view p : kPrefixes) {
    if (path.starts_with(p)) return true;
  }
  for (std::string_view p : kExact) {
    if (path == p) return true;
  }
  std::string_view last = path.substr(path.rfind('/') + 1);
  return last.find('.') != std::string_view::npos;
}

void add_security_headers(http::Response& r, bool secure) {
  r.set_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("X-Frame-Options", "DENY");
  r.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
  r.set_header("Cross-Origin-Opener-Policy", "same-origin");
  r.set_header("Permissions-Policy",
               "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  if (secure) r.set_header("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
}

http::Response site_response(const StaticSite& site, const http::Request& request) {
  http::Response r;
  const std::string& path = request.path.empty() ? std::string("/") : request.path;
  if (path == "/" || path == "/index.html") {
    r = file_response(site.index(), request, kRevalidate);
    if (path == "/" && request.query.empty()) r.set_header("Link", std::string(kHomeFeedPreload));
  } else if (const SiteFile* file = site.find(path)) {
    r = file_response(*file, request, file->immutable ? kImmutable : kShort);
  } else if (reserved_path(path)) {
    r = http::Response::problem(Error::not_found("no such resource"), path);
  } else {
    r = file_response(site.index(), request, kRevalidate);  // a client route: the SPA decides
  }
  add_security_headers(r, request.secure);
  return r;
}

}  // namespace sp::gateway
