// The analytics flows over the real store and a real event log, on SQLite and on the test
// PostgreSQL: counters and windows, creator series, trending, bot exclusion with evidence,
// user.deleted, coalesced post_views events, and counts after a restart equal counts before.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "analytics_harness.hpp"
#include "handlers/handlers.hpp"
#include "strangeprompt/db/testing/postgres.hpp"

namespace sp::analytics {
namespace {

namespace json = boost::json;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr int64_t kAnn = 101;
constexpr int64_t kBob = 202;
constexpr int64_t kFox = 5'001;
constexpr int64_t kCat = 5'002;

std::vector<std::string> visitors(const std::string& prefix, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back("v:" + prefix + "-" + std::to_string(i));
  return out;
}

class AnalyticsFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (auto why = db::testing::backend_unavailable_reason(GetParam())) GTEST_SKIP() << *why;
    h_ = std::make_unique<testing::AnalyticsHarness>(GetParam());
    h_->post_published(kFox, kAnn, "Neon fox", {"fox", "neon"}, "sdxl");
    h_->post_published(kCat, kBob, "Paper cat", {"cat"}, "flux");
    h_->drain_all();
  }
  PostStats stats(int64_t post) {
    auto s = h_->reports().post_stats(post);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return s.ok() ? *s : PostStats{};
  }
  std::unique_ptr<testing::AnalyticsHarness> h_;
};

TEST_P(AnalyticsFlow, ViewsLikesAndCommentsCountWithSlidingWindows) {
  ASSERT_EQ(h_->views(kFox, visitors("a", 12)).value_or(-1), 12);
  ASSERT_TRUE(h_->views(kFox, {"v:a-0", "v:a-1", "u:9"}).ok());  // two repeats, one new
  h_->liked(kFox, 9, kAnn);
  h_->liked(kFox, 10, kAnn);
  h_->liked(kFox, 10, kAnn, false);
  h_->commented(kFox, 9, kAnn);
  h_->drain_all();
  PostStats s = stats(kFox);
  EXPECT_EQ(s.total.views, 13);
  EXPECT_EQ(s.total.likes, 1);
  EXPECT_EQ(s.total.comments, 1);
  for (const Counts& w : s.windows) EXPECT_EQ(w.views, 13);
  EXPECT_EQ(h_->store().total(Scope::kCreator, kAnn)->views, 13);

  h_->clock().advance(hours(2));
  ASSERT_TRUE(h_->views(kFox, visitors("b", 2)).ok());
  h_->drain_all();
  s = stats(kFox);
  EXPECT_EQ(s.total.views, 15);
  EXPECT_EQ(s.windows[0].views, 2) << "1h holds only the last hour";
  EXPECT_EQ(s.windows[1].views, 15);
  h_->clock().advance(hours(24 * 8));
  s = stats(kFox);
  EXPECT_EQ(s.windows[1].views, 0);
  EXPECT_EQ(s.windows[2].views, 0);
  EXPECT_EQ(s.windows[3].views, 15);
  EXPECT_EQ(s.total.views, 15);
  EXPECT_EQ(h_->reports().post_stats(999).error().code, ErrorCode::kNotFound);
}

TEST_P(AnalyticsFlow, CreatorSeriesHasEveryBucketAndTopPosts) {
  const int64_t start = h_->clock().now_ms();
  ASSERT_TRUE(h_->views(kFox, visitors("a", 3)).ok());
  h_->clock().advance(hours(3));
  ASSERT_TRUE(h_->views(kFox, visitors("b", 4)).ok());
  ASSERT_TRUE(h_->views(kCat, visitors("c", 9)).ok());  // bob's post
  h_->commented(kFox, 9, kAnn);
  h_->drain_all();
  auto s = h_->reports().creator_stats(kAnn, start - 1, h_->clock().now_ms() + 1, Grain::kHour);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->totals.views, 7);
  EXPECT_EQ(s->totals.comments, 1);
  ASSERT_GE(s->series.size(), 4u);
  EXPECT_EQ(s->series.front().counts.views, 3);
  EXPECT_EQ(s->series.back().counts.views, 4);
  for (std::size_t i = 1; i < s->series.size(); ++i) {
    EXPECT_EQ(s->series[i].start_ms - s->series[i - 1].start_ms, kHourMs);
  }
  ASSERT_EQ(s->top_posts.size(), 1u);
  EXPECT_EQ(s->top_posts[0].post_id, kFox);
  EXPECT_EQ(s->top_posts[0].title, "Neon fox");
  EXPECT_EQ(s->top_posts[0].counts.views, 7);
  auto days = h_->reports().creator_stats(kAnn, std::nullopt, std::nullopt, Grain::kDay);
  ASSERT_TRUE(days.ok());
  EXPECT_EQ(days->totals.views, 7);
  EXPECT_EQ(days->series.size(), 31u);  // 30 days back, day-aligned
  auto bad = h_->reports().creator_stats(kAnn, start, start, Grain::kDay);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "from");
  auto too_long = h_->reports().creator_stats(kAnn, start - 40 * kDayMs, start, Grain::kHour);
  EXPECT_FALSE(too_long.ok());
}

TEST_P(AnalyticsFlow, TrendingRanksPostsTagsAndModels) {
  ASSERT_TRUE(h_->views(kFox, visitors("a", 5)).ok());
  ASSERT_TRUE(h_->views(kCat, visitors("b", 3)).ok());
  h_->liked(kCat, 9, kBob);
  h_->commented(kCat, 9, kBob);
  h_->drain_all();
  auto t = h_->reports().trending(Period::kDay);
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->posts.size(), 2u);
  EXPECT_EQ(t->posts[0].post_id, kCat);  // 3 + 3 + 5 beats 5 views
  EXPECT_EQ(t->posts[0].views, 3);
  EXPECT_EQ(t->tags[0].name, "cat");
  EXPECT_EQ(t->models[0].name, "flux");
  h_->clock().advance(hours(24 * 8));
  EXPECT_TRUE(h_->reports().trending(Period::kWeek)->posts.empty());
}

TEST_P(AnalyticsFlow, ABotBurstIsExcludedFromCountersAndTrendingAndListedWithEvidence) {
  ASSERT_TRUE(h_->views(kCat, visitors("human", 4), "198.51.100.4").ok());
  for (int batch = 0; batch < 3; ++batch) {
    ASSERT_TRUE(h_->views(kFox, visitors("bot" + std::to_string(batch), 100), "203.0.113.66").ok());
    h_->clock().advance(seconds(1));
  }
  h_->drain_all();
  EXPECT_EQ(stats(kFox).total.views, 0);
  EXPECT_EQ(stats(kCat).total.views, 4);
  EXPECT_EQ(h_->store().total(Scope::kCreator, kAnn)->views, 0);
  auto t = h_->reports().trending(Period::kDay);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->posts.size(), 1u);
  EXPECT_EQ(t->posts[0].post_id, kCat);
  auto listed = h_->reports().anomalies(std::nullopt, 10);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].kind, "address_many_visitors");
  EXPECT_EQ((*listed)[0].address, "203.0.113.66");
  EXPECT_EQ((*listed)[0].post_id, kFox);
  EXPECT_EQ((*listed)[0].retracted, 30);
  EXPECT_NE((*listed)[0].evidence_json.find("distinctVisitors"), std::string::npos);
}

TEST_P(AnalyticsFlow, AnomaliesAreListedNewestFirstPageByPage) {
  for (const char* address : {"203.0.113.1", "203.0.113.2"}) {
    ASSERT_TRUE(h_->views(kFox, visitors(address, 60), address).ok());
    h_->clock().advance(seconds(5));
  }
  h_->drain_all();
  http::Pager pager = http::Pager::with_random_key();
  AnalyticsApi api{h_->intake(), h_->reports(), pager};
  auto page = [&](const std::string& query) {
    http::Request request;
    request.path = "/v1/analytics/anomalies";
    request.query = query;
    request.target = request.path + "?" + query;
    auto r = handlers::list_anomalies(api, request);
    EXPECT_TRUE(r.ok());
    return r.ok() ? json::parse(r->body).as_object() : json::object{};
  };
  json::object first = page("limit=1");
  ASSERT_EQ(first.at("items").as_array().size(), 1u);
  const json::object& a = first.at("items").at(0).as_object();
  EXPECT_EQ(a.at("kind").as_string(), "address_many_visitors");
  EXPECT_EQ(a.at("address").as_string(), "203.0.113.2");
  EXPECT_EQ(a.at("postId").as_string(), std::to_string(kFox));
  EXPECT_TRUE(a.at("excluded").as_bool());
  EXPECT_EQ(a.at("retractedViews").as_int64(), 30);
  EXPECT_EQ(a.at("evidence").at("distinctVisitors").as_int64(), 31);
  EXPECT_TRUE(a.at("flaggedAt").is_string());
  ASSERT_TRUE(first.at("next").is_string());
  json::object second = page("limit=1&cursor=" + std::string(first.at("next").as_string()));
  ASSERT_EQ(second.at("items").as_array().size(), 1u);
  EXPECT_EQ(second.at("items").at(0).at("address").as_string(), "203.0.113.1");
  EXPECT_TRUE(second.at("next").is_null());
}

TEST_P(AnalyticsFlow, ViewTotalsArePublishedCoalescedThroughTheOutbox) {
  for (int batch = 0; batch < 5; ++batch) {
    ASSERT_TRUE(h_->views(kFox, visitors("p" + std::to_string(batch), 20)).ok());
  }
  ASSERT_TRUE(h_->views(kCat, visitors("q", 2)).ok());
  h_->drain_all();
  EXPECT_EQ(h_->counting().publish_views().value_or(-1), 2) << "one event per post, not per view";
  EXPECT_EQ(h_->counting().publish_views().value_or(-1), 0);
  auto payloads = h_->outbox_payloads("analytics.post_views");
  ASSERT_EQ(payloads.size(), 2u);
  json::object fox;
  for (const auto& p : payloads) {
    json::object o = json::parse(p).as_object();
    if (o.at("key").as_string() == std::to_string(kFox)) fox = o.at("data").as_object();
  }
  ASSERT_FALSE(fox.empty());
  EXPECT_EQ(fox.at("postId").as_string(), std::to_string(kFox));
  EXPECT_EQ(fox.at("views").as_int64(), 100);
  EXPECT_TRUE(fox.at("at").is_string());
  ASSERT_TRUE(h_->views(kFox, {"v:late"}).ok());
  h_->drain_all();
  EXPECT_EQ(h_->counting().publish_views().value_or(-1), 1);
}

TEST_P(AnalyticsFlow, UserDeletedRemovesTheirViewerRowsAndTheirPostsCounters) {
  ASSERT_TRUE(h_->views(kCat, {"u:" + std::to_string(kAnn)}).ok());
  ASSERT_TRUE(h_->views(kFox, visitors("a", 3)).ok());
  h_->liked(kFox, kBob, kAnn);
  h_->drain_all();
  EXPECT_EQ(stats(kCat).total.views, 1);
  h_->user_deleted(kAnn);
  h_->drain_all();
  EXPECT_EQ(h_->reports().post_stats(kFox).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(h_->store().total(Scope::kCreator, kAnn)->views, 0);
  EXPECT_EQ(stats(kCat).total.views, 1) << "views they gave stay counted, anonymously";
  auto rows = h_->db().query("SELECT COUNT(*) FROM analytics_view_dedup WHERE viewer = ?",
                             {"u:" + std::to_string(kAnn)});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].get_int(0), 0);
  auto buckets = h_->db().query("SELECT COUNT(*) FROM analytics_buckets WHERE subject IN (?, ?)",
                                {kFox, kAnn});
  EXPECT_EQ((*buckets)[0].get_int(0), 0);
}

TEST_P(AnalyticsFlow, CountsAfterARestartEqualCountsBefore) {
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(h_->views(kFox, visitors("a" + std::to_string(i), 10)).ok());
  ASSERT_TRUE(h_->views(kCat, visitors("b", 7)).ok());
  h_->liked(kFox, 9, kAnn);
  h_->commented(kCat, 9, kBob);
  h_->drain_all();
  const PostStats fox = stats(kFox);
  const PostStats cat = stats(kCat);
  const Counts ann = *h_->store().total(Scope::kCreator, kAnn);
  ASSERT_EQ(fox.total.views, 40);

  // The process dies after applying everything but before committing any position: on restart
  // every record is delivered again.
  h_->restart();
  for (const auto& [group, topic] : std::vector<std::pair<std::string, std::string>>{
           {"analytics.posts.v1", "gallery.post.published"},
           {"analytics.view_batches.v1", "analytics.view_batch"},
           {"analytics.likes.v1", "gallery.likes"},
           {"analytics.comments.v1", "gallery.comments"}}) {
    ASSERT_TRUE(h_->log().seek(group, topic, 0).ok());
  }
  EXPECT_GT(h_->drain_all(), 4);
  const PostStats fox_after = stats(kFox);
  const PostStats cat_after = stats(kCat);
  EXPECT_EQ(fox_after.total.views, fox.total.views);
  EXPECT_EQ(fox_after.total.likes, fox.total.likes);
  EXPECT_EQ(cat_after.total.views, cat.total.views);
  EXPECT_EQ(cat_after.total.comments, cat.total.comments);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(fox_after.windows[i].views, fox.windows[i].views);
  EXPECT_EQ(h_->store().total(Scope::kCreator, kAnn)->views, ann.views);
  // The repeat rule survived the restart: the same visitors within 30 minutes do not count.
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(h_->views(kFox, visitors("a" + std::to_string(i), 10)).ok());
  h_->drain_all();
  EXPECT_EQ(stats(kFox).total.views, 40);
}

TEST_P(AnalyticsFlow, TheIntakeRateLimitsPerAddress) {
  testing::AnalyticsHarness h(GetParam(),
                              BeaconLimits{.events_per_minute = 200, .requests_per_minute = 1'000});
  ASSERT_TRUE(h.views(kFox, visitors("a", 100), "192.0.2.50").ok());
  auto second = h.views(kFox, visitors("b", 100), "192.0.2.50");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kRateLimited);
  EXPECT_GE(second.error().retry_after_seconds, 1);
  EXPECT_TRUE(h.views(kFox, visitors("c", 100), "192.0.2.51").ok()) << "another address";
  h.clock().advance(minutes(1));
  EXPECT_TRUE(h.views(kFox, visitors("d", 100), "192.0.2.50").ok());
  EXPECT_EQ(h.outbox("analytics.view_batch"), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, AnalyticsFlow, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace sp::analytics
