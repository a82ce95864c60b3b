#include <gtest/gtest.h>

#include <stdexcept>

#include "strangeprompt/http/router.hpp"

namespace sp::http {
namespace {

Handler tagged(std::string tag) {
  return [tag](Request&) { return Response::text(200, tag); };
}

std::string run(const RouteMatch& m) {
  Request r;
  return m.route ? m.route->handler(r).body : "<none>";
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router.add(Method::kGet, "/", tagged("root"));
    router.add(Method::kGet, "/v1/gallery/posts", tagged("list"));
    router.add(Method::kPost, "/v1/gallery/posts", tagged("create"));
    router.add(Method::kGet, "/v1/gallery/posts/{id}", tagged("get"));
    router.add(Method::kDelete, "/v1/gallery/posts/{id}", tagged("delete"));
    router.add(Method::kGet, "/v1/gallery/posts/trending", tagged("trending"));
    router.add(Method::kPut, "/v1/gallery/posts/{id}/like", tagged("like"));
    router.add(Method::kGet, "/v1/profiles/{handle}/followers", tagged("followers"));
    router.add(Method::kGet, "/v1/profiles/me/preferences", tagged("prefs"));
    router.add(Method::kGet, "/media/{path...}", tagged("media"));
    router.add(Method::kGet, "/media/special", tagged("special"));
  }
  Router router;
};

TEST_F(RouterTest, MatchTable) {
  struct Case {
    Method method;
    std::string path;
    std::string want;
  };
  const Case cases[] = {
      {Method::kGet, "/", "root"},
      {Method::kGet, "/v1/gallery/posts", "list"},
      {Method::kPost, "/v1/gallery/posts", "create"},
      {Method::kGet, "/v1/gallery/posts/42", "get"},
      {Method::kDelete, "/v1/gallery/posts/42", "delete"},
      {Method::kGet, "/v1/gallery/posts/trending", "trending"},
      {Method::kPut, "/v1/gallery/posts/42/like", "like"},
      // "me" is a literal under /v1/profiles but only for /preferences: backtrack to {handle}.
      {Method::kGet, "/v1/profiles/me/followers", "followers"},
      {Method::kGet, "/v1/profiles/me/preferences", "prefs"},
      {Method::kGet, "/media/a/b/c.webp", "media"},
      {Method::kGet, "/media/special", "special"},
      {Method::kGet, "/media/special/x", "media"},
      {Method::kGet, "/v1/gallery/posts/", "<none>"},
      {Method::kGet, "/v1/gallery", "<none>"},
      {Method::kGet, "/nope", "<none>"},
      {Method::kGet, "/media/", "<none>"},
      {Method::kGet, "relative", "<none>"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(run(router.match(c.method, c.path)), c.want) << to_string(c.method) << " " << c.path;
  }
}

TEST_F(RouterTest, ExtractsNamedParameters) {
  RouteMatch m = router.match(Method::kPut, "/v1/gallery/posts/99/like");
  ASSERT_NE(m.route, nullptr);
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].first, "id");
  EXPECT_EQ(m.params[0].second, "99");
}

TEST_F(RouterTest, EncodedSlashStaysInsideItsParameter) {
  // Matched on the raw path: "%2F" is not a separator; the value is decoded after matching.
  RouteMatch m = router.match(Method::kPut, "/v1/gallery/posts/a%2Fb/like");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/v1/gallery/posts/{id}/like");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].second, "a/b");
  RouteMatch plus = router.match(Method::kPut, "/v1/gallery/posts/a+b%20c/like");
  ASSERT_EQ(plus.params.size(), 1u);
  EXPECT_EQ(plus.params[0].second, "a+b c");  // '+' is literal in a path
}

TEST_F(RouterTest, CatchAllTakesTheRestWithSlashes) {
  RouteMatch m = router.match(Method::kGet, "/media/2024/06/abc.webp");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].first, "path");
  EXPECT_EQ(m.params[0].second, "2024/06/abc.webp");
}

TEST_F(RouterTest, LiteralWinsOverParameter) {
  RouteMatch m = router.match(Method::kGet, "/v1/gallery/posts/trending");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/v1/gallery/posts/trending");
  EXPECT_TRUE(m.params.empty());
}

TEST_F(RouterTest, OtherMethodOnKnownPathIsMethodNotAllowed) {
  RouteMatch m = router.match(Method::kPatch, "/v1/gallery/posts/5");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.method_not_allowed);
  EXPECT_EQ(m.allow, "GET, HEAD, DELETE");
}

TEST_F(RouterTest, UnknownPathIsNotMethodNotAllowed) {
  RouteMatch m = router.match(Method::kPatch, "/v1/unknown");
  EXPECT_FALSE(m.method_not_allowed);
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  RouteMatch m = router.match(Method::kHead, "/v1/gallery/posts/3");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->method, Method::kGet);
  RouteMatch no_get = router.match(Method::kHead, "/v1/gallery/posts/3/like");
  EXPECT_TRUE(no_get.method_not_allowed);
  EXPECT_EQ(no_get.allow, "PUT");
}

TEST_F(RouterTest, RouteNameDefaultsToPattern) {
  EXPECT_EQ(router.match(Method::kGet, "/v1/gallery/posts/1").route->options.name,
            "/v1/gallery/posts/{id}");
  Router named;
  RouteOptions o;
  o.name = "post";
  named.add(Method::kGet, "/p/{id}", tagged("x"), o);
  EXPECT_EQ(named.match(Method::kGet, "/p/1").route->options.name, "post");
}

TEST(RouterRootCatchAll, EveryOtherRouteWinsAndTheRestFallsThrough) {
  // The gateway's shape: "/" and "/{path...}" beside the services' routes.
  Router r;
  r.add(Method::kGet, "/", tagged("index"));
  r.add(Method::kGet, "/{path...}", tagged("spa"));
  r.add(Method::kGet, "/v1/gallery/posts/{id}", tagged("post"));
  r.add(Method::kGet, "/v1/gallery/feed", tagged("feed"));
  r.add(Method::kGet, "/media/v/{id}/{tag}/{file}", tagged("variant"));
  EXPECT_EQ(run(r.match(Method::kGet, "/")), "index");
  EXPECT_EQ(run(r.match(Method::kGet, "/v1/gallery/feed")), "feed");
  EXPECT_EQ(run(r.match(Method::kGet, "/v1/gallery/posts/7")), "post");
  EXPECT_EQ(run(r.match(Method::kGet, "/media/v/1/ab/256.webp")), "variant");
  // A literal prefix that leads nowhere backtracks to the catch-all.
  RouteMatch deeper = r.match(Method::kGet, "/v1/gallery/posts/7/unknown");
  EXPECT_EQ(run(deeper), "spa");
  ASSERT_EQ(deeper.params.size(), 1u);
  EXPECT_EQ(deeper.params[0].second, "v1/gallery/posts/7/unknown");
  EXPECT_EQ(run(r.match(Method::kGet, "/u/ada/followers")), "spa");
  EXPECT_EQ(run(r.match(Method::kHead, "/p/1")), "spa");
}

TEST(RouterPatterns, MalformedPatternsThrow) {
  Router r;
  EXPECT_THROW(r.add(Method::kGet, "no-slash", tagged("x")), std::invalid_argument);
  EXPECT_THROW(r.add(Method::kGet, "/a/{rest...}/b", tagged("x")), std::invalid_argument);
  EXPECT_THROW(r.add(Method::kGet, "/a/x{y}", tagged("x")), std::invalid_argument);
  r.add(Method::kGet, "/a/{id}", tagged("x"));
  EXPECT_THROW(r.add(Method::kGet, "/a/{other}", tagged("y")), std::invalid_argument);
}

TEST(RouterPatterns, DifferentParameterNamesAtTheSamePosition) {
  Router r;
  r.add(Method::kGet, "/posts/{id}", tagged("post"));
  r.add(Method::kGet, "/posts/{post_id}/comments/{comment_id}", tagged("comment"));
  RouteMatch m = r.match(Method::kGet, "/posts/7/comments/9");
  ASSERT_EQ(m.params.size(), 2u);
  EXPECT_EQ(m.params[0], (std::pair<std::string, std::string>{"post_id", "7"}));
  EXPECT_EQ(m.params[1], (std::pair<std::string, std::string>{"comment_id", "9"}));
  EXPECT_EQ(r.match(Method::kGet, "/posts/7").params[0].first, "id");
}

}  // namespace
}  // namespace sp::http
