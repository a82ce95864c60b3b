// The pure logic, driven by an injected clock: bot traces are flagged and excluded (and what they
// had counted is taken back), human-like traces are not; the 30-minute repeat rule; post spikes
// against the post's own baseline; robust statistics; trending ranks.
#include "logic/anomaly_detector.hpp"

#include <gtest/gtest.h>

#include <random>

#include "logic/trending.hpp"
#include "logic/view_counter.hpp"
#include "strangeprompt/core/clock.hpp"

namespace sp::analytics {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr int64_t kPost = 900;
constexpr int64_t kAuthor = 7;

std::optional<int64_t> author(int64_t) {
  return kAuthor;
}

int64_t post_views(const CountPlan& plan, int64_t post = kPost) {
  auto it = plan.totals.find({Scope::kPost, post});
  return it == plan.totals.end() ? 0 : it->second.views;
}

int count_kind(const CountPlan& plan, AnomalyKind kind) {
  int n = 0;
  for (const Anomaly& a : plan.anomalies) n += a.kind == kind ? 1 : 0;
  return n;
}

TEST(AnomalyDetector, BotTraceOneAddressManyVisitorIdsIsFlaggedAndExcluded) {
  ManualClock clock;
  ViewCounter counter;
  CountPlan plan;
  // One address, 300 visitor ids on one post within three seconds, in beacon-sized batches.
  for (int batch = 0; batch < 3; ++batch) {
    std::vector<ViewSignal> views;
    for (int i = 0; i < 100; ++i) {
      views.push_back(
          {kPost, "v:bot-" + std::to_string(batch * 100 + i), "203.0.113.9", clock.now_ms()});
      clock.advance(milliseconds(10));
    }
    counter.count(views, author, plan);
  }
  EXPECT_EQ(count_kind(plan, AnomalyKind::kAddressManyVisitors), 1);
  EXPECT_EQ(post_views(plan), 0) << "every bot view is excluded or retracted";
  EXPECT_EQ((plan.totals[{Scope::kCreator, kAuthor}].views), 0);
  EXPECT_GT(plan.excluded, 250);
  EXPECT_EQ(plan.retracted, 30);
  const Anomaly& a = plan.anomalies.front();
  EXPECT_EQ(a.address, "203.0.113.9");
  EXPECT_EQ(a.post_id, kPost);
  EXPECT_NE(a.evidence_json.find("\"distinctVisitors\":31"), std::string::npos) << a.evidence_json;
  EXPECT_TRUE(counter.detector().address_flagged("203.0.113.9", clock.now_ms()));
  // Later views from the address stay excluded while the flag lasts, then count again.
  CountPlan later;
  clock.advance(minutes(30));
  counter.count({{kPost, "v:someone-new", "203.0.113.9", clock.now_ms()}}, author, later);
  EXPECT_EQ(post_views(later), 0);
  clock.advance(minutes(31));
  counter.count({{kPost, "v:someone-else", "203.0.113.9", clock.now_ms()}}, author, later);
  EXPECT_EQ(post_views(later), 1);
}

TEST(AnomalyDetector, HumanLikeTraceIsNotFlagged) {
  ManualClock clock;
  ViewCounter counter;
  CountPlan plan;
  std::mt19937 rng(42);
  std::set<std::pair<std::string, int64_t>> distinct;
  // 400 people behind 300 addresses (some share a home NAT), browsing 20 posts over two hours,
  // each opening a few posts and sometimes coming back to one.
  for (int step = 0; step < 2'000; ++step) {
    const int person = static_cast<int>(rng() % 400);
    const std::string viewer = "v:person-" + std::to_string(person);
    const std::string address = "198.51.100." + std::to_string(person % 300);
    const int64_t post = 1'000 + static_cast<int64_t>(rng() % 20);
    counter.count({{post, viewer, address, clock.now_ms()}}, author, plan);
    distinct.insert({viewer, post});
    clock.advance(milliseconds(3'600));  // ~1 view every 3.6 s across the site
  }
  EXPECT_TRUE(plan.anomalies.empty()) << to_string(plan.anomalies.front().kind);
  EXPECT_EQ(plan.excluded, 0);
  EXPECT_EQ(plan.retracted, 0);
  int64_t views = 0;
  for (const auto& [key, c] : plan.totals) views += key.first == Scope::kPost ? c.views : 0;
  EXPECT_GE(views, static_cast<int64_t>(distinct.size()));  // repeats after 30 min count again
  EXPECT_EQ(views + plan.duplicates, 2'000);
}

TEST(AnomalyDetector, OneVisitorHammeringAPostIsFlaggedAndTakenBack) {
  ManualClock clock;
  ViewCounter counter;
  CountPlan plan;
  counter.count({{kPost + 1, "v:hammer", "192.0.2.1", clock.now_ms()}}, author, plan);
  for (int i = 0; i < 50; ++i) {
    counter.count({{kPost, "v:hammer", "192.0.2.1", clock.now_ms()}}, author, plan);
    clock.advance(milliseconds(500));
  }
  EXPECT_EQ(count_kind(plan, AnomalyKind::kVisitorHammering), 1);
  EXPECT_EQ(post_views(plan), 0);
  EXPECT_EQ(post_views(plan, kPost + 1), 0) << "its other counted views are taken back too";
  EXPECT_EQ(plan.retracted, 2);
  // A neighbour on the same address is unaffected.
  counter.count({{kPost, "v:neighbour", "192.0.2.1", clock.now_ms()}}, author, plan);
  EXPECT_EQ(post_views(plan), 1);
}

TEST(AnomalyDetector, ARepeatViewWithinThirtyMinutesCountsOnce) {
  ManualClock clock;
  ViewCounter counter;
  CountPlan plan;
  for (int i = 0; i < 5; ++i) {
    counter.count({{kPost, "u:42", "192.0.2.7", clock.now_ms()}}, author, plan);
    clock.advance(minutes(5));
  }
  EXPECT_EQ(post_views(plan), 1);
  EXPECT_EQ(plan.duplicates, 4);
  clock.advance(minutes(10));  // 35 minutes after the counted view
  counter.count({{kPost, "u:42", "192.0.2.7", clock.now_ms()}}, author, plan);
  EXPECT_EQ(post_views(plan), 2);
  // Views of posts analytics never saw published are dropped.
  counter.count(
      {{kPost, "u:43", "192.0.2.7", clock.now_ms()}},
      [](int64_t) { return std::optional<int64_t>(); }, plan);
  EXPECT_EQ(post_views(plan), 2);
}

TEST(AnomalyDetector, APostSpikeAgainstItsOwnBaselineIsListedButCounted) {
  ManualClock clock(1'750'000'020'000);
  ViewCounter counter;
  CountPlan plan;
  int person = 0;
  auto view = [&] {
    ++person;
    counter.count({{kPost, "v:p" + std::to_string(person),
                    "10.1." + std::to_string(person % 250) + "." + std::to_string(person / 250),
                    clock.now_ms()}},
                  author, plan);
  };
  for (int minute = 0; minute < 20; ++minute) {  // a steady 3 to 5 views a minute
    for (int i = 0; i < 3 + minute % 3; ++i) {
      view();
      clock.advance(seconds(10));
    }
    clock.set_ms((clock.now_ms() / 60'000 + 1) * 60'000);
  }
  EXPECT_TRUE(plan.anomalies.empty());
  for (int i = 0; i < 120; ++i) {  // then 120 different people within one minute
    view();
    clock.advance(milliseconds(400));
  }
  ASSERT_EQ(count_kind(plan, AnomalyKind::kPostSpike), 1);
  const Anomaly& a = plan.anomalies.front();
  EXPECT_GE(a.score, 6.0);
  EXPECT_NE(a.evidence_json.find("\"ewma\""), std::string::npos);
  EXPECT_EQ(post_views(plan), person) << "a spike alone excludes nothing";
}

TEST(RobustStats, MedianAndMad) {
  EXPECT_DOUBLE_EQ(median_of({5, 1, 3}), 3);
  EXPECT_DOUBLE_EQ(median_of({4, 1, 3, 2}), 2.5);
  EXPECT_DOUBLE_EQ(mad_of({1, 1, 2, 2, 4, 6, 9}), 1);
  EXPECT_DOUBLE_EQ(mad_of({}), 0);
}

TEST(Trending, WeighsEngagementAndDecaysWithAge) {
  const int64_t now = 1'750'000'000'000;
  const int64_t hour = bucket_start(Grain::kHour, now);
  std::vector<HourBucket> buckets{
      {1, hour, Counts{.views = 10}},                            // fresh views
      {2, hour - 20 * kHourMs, Counts{.views = 10}},             // same views, 20 hours old
      {3, hour, Counts{.views = 2, .likes = 2, .comments = 1}},  // 2 + 6 + 5 = 13
      {4, hour - 30 * kHourMs, Counts{.views = 500}},            // outside the day
  };
  std::map<int64_t, PostFacts> facts{
      {1, {{"fox", "neon"}, "sdxl"}}, {2, {{"fox"}, std::nullopt}}, {3, {{"cat"}, "flux"}}};
  Trending t = rank_trending(buckets, facts, Period::kDay, now);
  ASSERT_EQ(t.posts.size(), 3u);
  EXPECT_EQ(t.posts[0].post_id, 3);
  EXPECT_EQ(t.posts[1].post_id, 1);
  EXPECT_EQ(t.posts[2].post_id, 2);
  EXPECT_LT(t.posts[2].score, t.posts[1].score / 4);
  ASSERT_FALSE(t.tags.empty());
  EXPECT_EQ(t.tags[0].name, "cat");
  EXPECT_EQ(t.models.size(), 2u);
  Trending week = rank_trending(buckets, facts, Period::kWeek, now);
  EXPECT_EQ(week.posts[0].post_id, 4);
  EXPECT_EQ(week.posts[0].views, 500);
}

}  // namespace
}  // namespace sp::analytics
