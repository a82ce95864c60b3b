// The gateway's answers over a real directory laid out like a Vite build.
#include "site_response.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "static_site.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"

namespace sp::gateway {
namespace {

void write(const std::filesystem::path& p, std::string_view bytes) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

class Site : public ::testing::Test {
 protected:
  void SetUp() override {
    write(dir_.path() / "index.html", "<!doctype html><title>app</title>");
    write(dir_.path() / "index.html.br", "BR-INDEX");
    write(dir_.path() / "index.html.gz", "GZ-INDEX");
    write(dir_.path() / "assets/app-1a2b3c.js", "console.log(1)");
    write(dir_.path() / "assets/app-1a2b3c.js.gz", "GZ-APP");
    write(dir_.path() / "favicon.svg", "<svg/>");
    auto loaded = StaticSite::load(dir_.path());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    site_.emplace(std::move(*loaded));
  }

  http::Response get(std::string path,
                     std::vector<std::pair<std::string, std::string>> headers = {},
                     bool secure = false) {
    http::Request r;
    r.method = http::Method::kGet;
    r.path = std::move(path);
    r.target = r.path;
    r.secure = secure;
    for (auto& [k, v] : headers) r.headers.emplace_back(k, v);
    return site_response(*site_, r);
  }

  testing::TempDir dir_{"sp-gateway"};
  std::optional<StaticSite> site_;
};

TEST_F(Site, HashedAssetsAreImmutableAndPrecompressed) {
  http::Response r = get("/assets/app-1a2b3c.js", {{"accept-encoding", "gzip, br"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(r.header("content-encoding"), "gzip");  // no .br sibling for this one
  EXPECT_EQ(r.body, "GZ-APP");
  EXPECT_EQ(r.header("vary"), "Accept-Encoding");
  EXPECT_EQ(r.header("content-type"), "text/javascript; charset=utf-8");
  http::Response plain = get("/assets/app-1a2b3c.js");
  EXPECT_EQ(plain.body, "console.log(1)");
  EXPECT_EQ(plain.header("content-encoding"), "");
  EXPECT_NE(plain.header("etag"), r.header("etag"));  // one validator per representation
}

TEST_F(Site, IndexIsRevalidatedWithAnETag) {
  http::Response r = get("/", {{"accept-encoding", "br"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("cache-control"), "no-cache");
  EXPECT_EQ(r.body, "BR-INDEX");
  EXPECT_EQ(r.header("content-encoding"), "br");
  std::string etag(r.header("etag"));
  ASSERT_FALSE(etag.empty());
  http::Response again = get("/", {{"accept-encoding", "br"}, {"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), etag);
  // The gzip representation's validator does not match the brotli one.
  EXPECT_EQ(get("/", {{"accept-encoding", "gzip"}, {"if-none-match", etag}}).status, 200);
}

TEST_F(Site, TheHomePagePreloadsItsFirstFeedPage) {
  EXPECT_EQ(get("/").header("link"), kHomeFeedPreload);
  EXPECT_EQ(get("/p/1").header("link"), "");
  http::Request sorted;
  sorted.method = http::Method::kGet;
  sorted.path = "/";
  sorted.query = "sort=new";
  EXPECT_EQ(site_response(*site_, sorted).header("link"), "");  // another feed: no guess
}

TEST_F(Site, ClientRoutesFallBackToTheApp) {
  for (std::string path : {"/p/123", "/u/alice/followers", "/search", "/settings/api-keys"}) {
    http::Response r = get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, "<!doctype html><title>app</title>") << path;
    EXPECT_EQ(r.header("cache-control"), "no-cache") << path;
  }
}

TEST_F(Site, ApiAndFilePathsStayProblem404s) {
  for (std::string path : {"/v1/nope", "/v1/gallery/whatever/x", "/media/v/1/2/3.webp", "/healthz",
                           "/assets/missing.js", "/robots.txt", "/assets/../index.html", "/v1"}) {
    http::Response r = get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << path;
  }
}

TEST_F(Site, EncodedTraversalNeverReachesAFile) {
  // Not a file name we hold: at most the app's own page, never bytes from outside the build.
  http::Response r = get("/%2e%2e/%2e%2e/etc/passwd");
  EXPECT_EQ(r.body, "<!doctype html><title>app</title>");
  EXPECT_EQ(get("/assets%2fapp-1a2b3c.js").status, 404);
}

TEST_F(Site, SecurityHeadersOnEveryAnswer) {
  for (std::string path : {"/", "/assets/app-1a2b3c.js", "/v1/nope"}) {
    http::Response r = get(path);
    std::string_view csp = r.header("content-security-policy");
    EXPECT_NE(csp.find("script-src 'self'"), std::string_view::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string_view::npos) << path;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string_view::npos) << path;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
    EXPECT_EQ(r.header("referrer-policy"), "strict-origin-when-cross-origin") << path;
    EXPECT_EQ(r.header("strict-transport-security"), "") << path;  // plain HTTP: no HSTS
  }
  EXPECT_NE(get("/", {}, true).header("strict-transport-security"), "");
}

TEST(StaticSiteLoad, MissingBuildIsNotFound) {
  testing::TempDir empty{"sp-gateway-empty"};
  auto loaded = StaticSite::load(empty.path());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace sp::gateway
