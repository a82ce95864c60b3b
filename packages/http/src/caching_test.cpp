// ETags and conditional GET (RFC 9110 §13.1.2), Cache-Control values.
#include "strangeprompt/http/caching.hpp"

#include <gtest/gtest.h>

namespace sp::http {
namespace {

using std::chrono::seconds;

TEST(StrongEtag, IsAQuotedStableDigestOfTheBytes) {
  const std::string tag = strong_etag("hello");
  EXPECT_EQ(tag, strong_etag("hello"));
  EXPECT_NE(tag, strong_etag("hello!"));
  ASSERT_EQ(tag.size(), 24u);  // 16 bytes in base64url (22) plus quotes
  EXPECT_EQ(tag.front(), '"');
  EXPECT_EQ(tag.back(), '"');
}

struct MatchCase {
  const char* name;
  const char* if_none_match;
  bool hits;
};

class IfNoneMatch : public ::testing::TestWithParam<MatchCase> {};

TEST_P(IfNoneMatch, ComparesWeakly) {
  EXPECT_EQ(if_none_match_hits(GetParam().if_none_match, R"("abc")"), GetParam().hits);
}

INSTANTIATE_TEST_SUITE_P(Table, IfNoneMatch,
                         ::testing::Values(MatchCase{"Same", R"("abc")", true},
                                           MatchCase{"Other", R"("abd")", false},
                                           MatchCase{"WeakMatchesStrong", R"(W/"abc")", true},
                                           MatchCase{"InAList", R"("x", W/"y" ,"abc")", true},
                                           MatchCase{"NotInAList", R"("x", "y")", false},
                                           MatchCase{"CommaInsideATag", R"("a,bc", "ab")", false},
                                           MatchCase{"Star", "*", true},
                                           MatchCase{"Unquoted", "abc", false},
                                           MatchCase{"Unterminated", R"("abc)", false},
                                           MatchCase{"JunkThenMatch", R"(junk, "abc")", true}),
                         [](const auto& p) { return std::string(p.param.name); });

Request get(std::string if_none_match = {}) {
  Request r;
  r.method = Method::kGet;
  if (!if_none_match.empty()) r.headers = {{"if-none-match", std::move(if_none_match)}};
  return r;
}

Response feed() {
  Response r = Response::json(200, R"({"items":[],"next":null})");
  r.set_header("Cache-Control", public_cache(seconds(30), seconds(60)));
  return r;
}

TEST(ConditionalGet, SetsTheEtagWhenNothingMatches) {
  Response r = conditional_get(get(R"("other")"), feed());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("etag"), strong_etag(feed().body));
  EXPECT_EQ(r.body, feed().body);
}

TEST(ConditionalGet, AnswersNotModifiedWithoutABody) {
  const std::string tag = strong_etag(feed().body);
  for (const std::string& header : {tag, "W/" + tag, R"("a", )" + tag, std::string("*")}) {
    Response r = conditional_get(get(header), feed());
    EXPECT_EQ(r.status, 304) << header;
    EXPECT_TRUE(r.body.empty());
    EXPECT_EQ(r.header("etag"), tag);
    EXPECT_EQ(r.header("cache-control"), "public, max-age=30, stale-while-revalidate=60");
    EXPECT_TRUE(r.header("content-type").empty());
  }
}

TEST(ConditionalGet, KeepsAHandlerEtag) {
  Response mine = feed();
  mine.set_header("ETag", R"("v7")");
  EXPECT_EQ(conditional_get(get(R"("v7")"), mine).status, 304);
}

TEST(TaggedBody, CarriesTheStrongEtagOfItsBytesThroughACacheValue) {
  const TaggedBody tagged = TaggedBody::of(feed().body);
  EXPECT_EQ(tagged.etag, strong_etag(feed().body));
  EXPECT_EQ(tagged.body, feed().body);
  const TaggedBody back = TaggedBody::unpack(tagged.pack());
  EXPECT_EQ(back.etag, tagged.etag);
  EXPECT_EQ(back.body, tagged.body);
  // A body with newlines of its own, and an empty one.
  const TaggedBody lines = TaggedBody::unpack(TaggedBody::of("a\nb\n").pack());
  EXPECT_EQ(lines.body, "a\nb\n");
  EXPECT_EQ(lines.etag, strong_etag("a\nb\n"));
  EXPECT_EQ(TaggedBody::unpack(TaggedBody::of("").pack()).body, "");
}

TEST(TaggedBody, TagsABareCachedBodyOnUnpack) {
  for (const std::string& bare :
       {feed().body, std::string("\"x\""), std::string("text\nmore"), std::string("[1,\n2]"),
        std::string("a\n\"") + std::string(70, 'x') + "\""}) {
    const TaggedBody tagged = TaggedBody::unpack(bare);
    EXPECT_EQ(tagged.body, bare);
    EXPECT_EQ(tagged.etag, strong_etag(bare));
  }
}

TEST(ConditionalGet, ServesATaggedBodyWithItsStoredEtag) {
  Response head = feed();
  head.body.clear();
  Response ok = conditional_get(get(R"("other")"), head, TaggedBody::of(feed().body));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, feed().body);
  EXPECT_EQ(ok.header("etag"), strong_etag(feed().body));
  EXPECT_EQ(ok.header("cache-control"), "public, max-age=30, stale-while-revalidate=60");
  // The stored tag is used as it is (never recomputed from the bytes).
  Response stale = conditional_get(get(R"("v9")"), head, TaggedBody{R"("v9")", feed().body});
  EXPECT_EQ(stale.status, 304);
  EXPECT_TRUE(stale.body.empty());
  EXPECT_EQ(stale.header("etag"), R"("v9")");
  EXPECT_TRUE(stale.header("content-type").empty());
}

TEST(ConditionalGet, LeavesOtherMethodsAndStatusesAlone) {
  Request post = get("*");
  post.method = Method::kPost;
  EXPECT_EQ(conditional_get(post, feed()).status, 200);
  EXPECT_TRUE(conditional_get(post, feed()).header("etag").empty());
  EXPECT_EQ(conditional_get(get("*"), Response::problem(Error::not_found("x"))).status, 404);
}

TEST(CacheControl, Values) {
  EXPECT_EQ(public_cache(seconds(300)), "public, max-age=300");
  EXPECT_EQ(public_read_cache(seconds(5)), "public, max-age=5, stale-while-revalidate=60");
  EXPECT_EQ(public_read_cache(seconds(30)), "public, max-age=30, stale-while-revalidate=300");
  EXPECT_EQ(public_cache(seconds(30), seconds(600)),
            "public, max-age=30, stale-while-revalidate=600");
  EXPECT_EQ(private_cache(seconds(60)), "private, max-age=60");
  EXPECT_EQ(private_cache(seconds(0)), "private, no-cache");
  EXPECT_EQ(kNoStore, "no-store");
}

}  // namespace
}  // namespace sp::http
