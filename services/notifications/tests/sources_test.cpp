// The notification sources and the inbox over the real store, on SQLite and on the test
// PostgreSQL: redelivery, aggregation and milestones, fan-out with preferences, the hub signal
// after commit, tickets, user.deleted.
#include "logic/sources.hpp"

#include <gtest/gtest.h>

#include "logic/digests.hpp"
#include "logic/inbox_reader.hpp"
#include "logic/rules.hpp"
#include "logic/time_zone.hpp"
#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/db/testing/scratch_database.hpp"

namespace sp::notifications {
namespace {

class SourcesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (auto why = db::testing::backend_unavailable_reason(GetParam())) GTEST_SKIP() << *why;
    auto scratch = db::testing::ScratchDatabase::create(GetParam());
    ASSERT_TRUE(scratch.ok()) << scratch.error().message;
    scratch_ = std::move(*scratch);
    ASSERT_TRUE(migrate_notification_store(scratch_->db()).ok());
    store_ = std::make_unique<NotificationStore>(scratch_->db());
    ctx_ = std::make_unique<InboxContext>(InboxContext{*store_, clock_, ids_, hub_, order_, mail_});
    sources_ = std::make_unique<NotificationSources>(*ctx_);
    reader_ = std::make_unique<InboxReader>(*ctx_, std::chrono::seconds(15));
    ASSERT_TRUE(sources_->on_signup(ev(), kAnn, "ann", "ann@example.com", "").ok());
    ASSERT_TRUE(sources_->on_signup(ev(), kBob, "bob", "bob@example.com", "").ok());
  }
  EventMeta ev(std::string id = {}) {
    if (id.empty()) id = "e" + std::to_string(++seq_);
    return EventMeta{.event_id = id, .occurred_at_ms = clock_.now_ms()};
  }
  std::vector<Notification> inbox(int64_t user, bool unread_only = false) {
    auto page = reader_->page(user, std::nullopt, unread_only, 100);
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->rows : std::vector<Notification>{};
  }
  std::vector<Notification> of_kind(int64_t user, const std::string& kind) {
    std::vector<Notification> out;
    for (auto& n : inbox(user)) {
      if (n.kind == kind) out.push_back(n);
    }
    return out;
  }

  static constexpr int64_t kAnn = 101;
  static constexpr int64_t kBob = 202;
  static constexpr int64_t kPost = 9001;
  ManualClock clock_;
  IdGenerator ids_{clock_};
  LiveHub hub_;
  std::mutex order_;
  MailSettings mail_;
  int seq_ = 0;
  std::unique_ptr<db::testing::ScratchDatabase> scratch_;
  std::unique_ptr<NotificationStore> store_;
  std::unique_ptr<InboxContext> ctx_;
  std::unique_ptr<NotificationSources> sources_;
  std::unique_ptr<InboxReader> reader_;
};

TEST_P(SourcesTest, ARedeliveredEventChangesNothing) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(sources_->on_follow(ev("same"), kBob, kAnn, true).ok());
  ASSERT_EQ(of_kind(kAnn, "follow").size(), 1u);
  EXPECT_EQ(of_kind(kAnn, "follow")[0].actor_ids, (std::vector<int64_t>{kBob}));
  EXPECT_EQ(of_kind(kAnn, "welcome").size(), 1u);
}

TEST_P(SourcesTest, LikesAggregateUnderAFreshIdAndMilestonesFireOnce) {
  ASSERT_TRUE(sources_->on_post_published(ev(), kPost, kAnn, "Dawn", std::nullopt).ok());
  int64_t last_id = 0;
  for (int64_t liker = 1; liker <= 12; ++liker) {
    clock_.advance(std::chrono::milliseconds(5));
    ASSERT_TRUE(sources_->on_like(ev(), kPost, liker, kAnn, true).ok());
    auto likes = of_kind(kAnn, "like");
    ASSERT_EQ(likes.size(), 1u);
    EXPECT_GT(likes[0].id, last_id);  // reissued: the stream's Last-Event-ID order holds
    last_id = likes[0].id;
    EXPECT_EQ(likes[0].actor_count, liker);
  }
  EXPECT_EQ(of_kind(kAnn, "like")[0].actor_ids, (std::vector<int64_t>{12, 11, 10}));
  ASSERT_EQ(of_kind(kAnn, "like_milestone").size(), 1u);
  EXPECT_EQ(of_kind(kAnn, "like_milestone")[0].actor_count, 10);
  ASSERT_TRUE(sources_->on_like(ev(), kPost, 3, kAnn, false).ok());
  ASSERT_TRUE(sources_->on_like(ev(), kPost, 3, kAnn, true).ok());
  EXPECT_EQ(of_kind(kAnn, "like_milestone").size(), 1u);
  auto post = store_->reads().post(kPost);
  ASSERT_TRUE(post.ok() && post->has_value());
  EXPECT_EQ((*post)->like_count, 12);
  // A repeated like (already counted) writes nothing.
  const int64_t count = of_kind(kAnn, "like")[0].actor_count;
  ASSERT_TRUE(sources_->on_like(ev(), kPost, 5, kAnn, true).ok());
  EXPECT_EQ(of_kind(kAnn, "like")[0].actor_count, count);
}

TEST_P(SourcesTest, NewPostsFanOutToFollowersWhoKeepTheCategoryOn) {
  for (int64_t f = 1000; f < 1050; ++f) ASSERT_TRUE(sources_->on_follow(ev(), f, kAnn, true).ok());
  ASSERT_TRUE(sources_->on_follow(ev(), kBob, kAnn, true).ok());
  Preferences quiet;
  quiet.channels["follows"] = {.in_app = false, .email = false};
  ASSERT_TRUE(sources_->on_preferences(ev(), 1000, quiet).ok());
  ASSERT_TRUE(sources_->on_follow(ev(), 1001, kAnn, false).ok());
  ASSERT_TRUE(sources_->on_post_published(ev(), kPost, kAnn, "Dawn", std::nullopt).ok());
  EXPECT_EQ(of_kind(kBob, "new_post").size(), 1u);
  EXPECT_TRUE(of_kind(1000, "new_post").empty());
  EXPECT_TRUE(of_kind(1001, "new_post").empty());
  EXPECT_EQ(of_kind(1049, "new_post").size(), 1u);
  EXPECT_EQ(of_kind(1049, "new_post")[0].actor_ids, (std::vector<int64_t>{kAnn}));
}

TEST_P(SourcesTest, TheHubIsSignalledOnceTheRowIsCommitted) {
  int signals = 0;
  std::size_t seen_rows = 0;
  uint64_t token = hub_.subscribe(kAnn, [&] {
    ++signals;
    seen_rows = of_kind(kAnn, "comment").size();
  });
  ASSERT_TRUE(sources_->on_comment(ev(), kPost, kBob, kAnn).ok());
  EXPECT_EQ(signals, 1);
  EXPECT_EQ(seen_rows, 1u);
  ASSERT_TRUE(sources_->on_comment(ev(), kPost, kAnn, kAnn).ok());  // own comment: nothing
  EXPECT_EQ(signals, 1);
  int bobs = 0;
  uint64_t bob_token = hub_.subscribe(kBob, [&] { ++bobs; });
  hub_.signal_all();  // the periodic catch-up reaches every stream
  EXPECT_EQ(signals, 2);
  EXPECT_EQ(bobs, 1);
  hub_.unsubscribe(kBob, bob_token);
  hub_.unsubscribe(kAnn, token);
  ASSERT_TRUE(sources_->on_comment(ev(), kPost, kBob, kAnn).ok());
  EXPECT_EQ(signals, 2);
  EXPECT_EQ(hub_.subscribers(), 0u);
}

TEST_P(SourcesTest, ReadMarksOnlyTouchTheCallersRows) {
  ASSERT_TRUE(sources_->on_comment(ev(), kPost, kBob, kAnn).ok());
  auto anns = inbox(kAnn);
  ASSERT_EQ(anns.size(), 2u);
  auto unread = reader_->mark_read(kBob, {anns[0].id});
  ASSERT_TRUE(unread.ok());
  EXPECT_EQ(*unread, 1);  // bob's welcome
  EXPECT_EQ(inbox(kAnn, true).size(), 2u);
  unread = reader_->mark_read(kAnn, {anns[0].id});
  EXPECT_EQ(*unread, 1);
  unread = reader_->mark_all_read(kAnn);
  EXPECT_EQ(*unread, 0);
}

TEST_P(SourcesTest, TicketsAreSingleUseAndExpire) {
  auto ticket = reader_->issue_ticket(kAnn);
  ASSERT_TRUE(ticket.ok());
  auto user = reader_->redeem_ticket(*ticket);
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(*user, kAnn);
  EXPECT_EQ(reader_->redeem_ticket(*ticket).error().code, ErrorCode::kUnauthenticated);
  auto late = reader_->issue_ticket(kAnn);
  clock_.advance(std::chrono::milliseconds(kTicketTtlMs + 1));
  EXPECT_EQ(reader_->redeem_ticket(*late).error().code, ErrorCode::kUnauthenticated);
}

TEST_P(SourcesTest, UserDeletedRemovesTheUsersRowsAndLaterEventsMakeNothing) {
  ASSERT_TRUE(sources_->on_follow(ev(), kBob, kAnn, true).ok());
  ASSERT_TRUE(sources_->on_follow(ev(), kAnn, kBob, true).ok());
  ASSERT_TRUE(reader_->issue_ticket(kAnn).ok());
  ASSERT_TRUE(sources_->on_user_deleted(ev(), kAnn).ok());
  EXPECT_TRUE(inbox(kAnn).empty());
  auto& db = scratch_->db();
  for (const char* sql :
       {"SELECT COUNT(*) FROM follows WHERE follower_id = 101 OR followee_id = 101",
        "SELECT COUNT(*) FROM users WHERE user_id = 101",
        "SELECT COUNT(*) FROM stream_tickets WHERE user_id = 101"}) {
    auto rows = db.query(sql);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ((*rows)[0].get_int(0), 0) << sql;
  }
  ASSERT_TRUE(sources_->on_comment(ev(), kPost, kBob, kAnn).ok());
  ASSERT_TRUE(sources_->on_signup(ev(), kAnn, "ann", "ann@example.com", "").ok());
  EXPECT_TRUE(inbox(kAnn).empty());
  // bob's follow notification from ann stays, but ann is no longer listed as its actor.
  auto bobs = of_kind(kBob, "follow");
  ASSERT_EQ(bobs.size(), 1u);
  auto page = reader_->page(kBob, std::nullopt, false, 10);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items[0].find("\"handle\":\"ann\""), std::string::npos);
}

// 2026-12-03T07:00:00Z = 08:00 in Paris (UTC+1 in December); a Thursday.
constexpr int64_t kDec3At0700Utc = 1'796'281'200'000;

TEST(DigestPeriod, DailyEndsAtEightLocalAndWeeklyOnMondays) {
  const int64_t paris = 3'600'000;
  auto before = latest_digest_period("daily", paris, kDec3At0700Utc - 1);
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->key, "daily:2026-12-02");
  auto at = latest_digest_period("daily", paris, kDec3At0700Utc);
  EXPECT_EQ(at->key, "daily:2026-12-03");
  EXPECT_EQ(at->end_ms, kDec3At0700Utc);
  EXPECT_EQ(at->start_ms, kDec3At0700Utc - 86'400'000);
  auto week = latest_digest_period("weekly", paris, kDec3At0700Utc);
  EXPECT_EQ(week->key, "weekly:2026-11-30");  // the Monday
  EXPECT_EQ(week->end_ms, kDec3At0700Utc - 3 * 86'400'000);
  EXPECT_FALSE(latest_digest_period("off", 0, kDec3At0700Utc));
}

TEST(TimeZone, OffsetsComeFromTheZoneFiles) {
  EXPECT_EQ(utc_offset_ms("UTC", kDec3At0700Utc), 0);
  EXPECT_EQ(utc_offset_ms("Europe/Paris", kDec3At0700Utc), 3'600'000);
  EXPECT_EQ(utc_offset_ms("America/New_York", kDec3At0700Utc), -5 * 3'600'000);
  EXPECT_EQ(utc_offset_ms("Asia/Kolkata", kDec3At0700Utc), 19'800'000);
  EXPECT_EQ(utc_offset_ms("Europe/Paris", kDec3At0700Utc - 150LL * 86'400'000), 7'200'000);  // July
  EXPECT_EQ(utc_offset_ms("../../etc/passwd", kDec3At0700Utc), 0);
}

TEST_P(SourcesTest, DigestsGoOutAtEightLocalOncePerPeriodEvenAfterARestart) {
  mail_.enabled = true;
  clock_.set_ms(kDec3At0700Utc - 2 * 86'400'000);  // Dec 1, 08:00 Paris
  Preferences daily;
  daily.digest = "daily";
  daily.timezone = "Europe/Paris";
  ASSERT_TRUE(sources_->on_preferences(ev(), kAnn, daily).ok());
  ASSERT_TRUE(sources_->on_follow(ev(), kBob, kAnn, true).ok());  // bob follows ann: Dec 1
  ASSERT_TRUE(sources_->on_post_published(ev(), kPost, kAnn, "Dawn", std::nullopt).ok());
  ASSERT_TRUE(sources_->on_follow(ev(), kAnn, 303, true).ok());  // ann follows 303
  clock_.set_ms(kDec3At0700Utc - 3'600'000);  // Dec 3, 07:00 Paris: yesterday's window
  ASSERT_TRUE(sources_->on_like(ev(), kPost, kBob, kAnn, true).ok());
  ASSERT_TRUE(sources_->on_like(ev(), kPost, 404, kAnn, true).ok());
  ASSERT_TRUE(sources_->on_post_views(ev(), kPost, 120).ok());
  ASSERT_TRUE(sources_->on_post_published(ev(), 9100, 303, "Their new one", std::nullopt).ok());
  auto outbox = [&](const std::string& like) {
    auto rows =
        scratch_->db().query("SELECT COUNT(*) FROM mail_outbox WHERE dedupe_key LIKE ?", {like});
    return rows.ok() ? (*rows)[0].get_int(0) : -1;
  };
  DigestRunner runner(*ctx_);
  // Dec 2 08:00 Paris had passed when the preference was set on Dec 1 08:00: that period is due.
  EXPECT_EQ(runner.run_once(), 1);
  EXPECT_EQ(outbox("digest:daily:2026-12-02:%"), 1);
  EXPECT_EQ(runner.run_once(), 0);
  clock_.set_ms(kDec3At0700Utc - 1);  // 07:59:59.999 Paris: not yet
  EXPECT_EQ(runner.run_once(), 0);
  clock_.set_ms(kDec3At0700Utc);  // 08:00 Paris
  EXPECT_EQ(runner.run_once(), 1);
  DigestRunner after_restart(*ctx_);
  EXPECT_EQ(after_restart.run_once(), 0);
  EXPECT_EQ(outbox("digest:daily:2026-12-03:%"), 1);
  auto stats = store_->reads().digest_stats(kAnn, kDec3At0700Utc - 86'400'000, kDec3At0700Utc);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->likes, 2);
  EXPECT_EQ(stats->new_followers, 0);  // bob followed on Dec 1
  EXPECT_EQ(stats->views_total, 120);
  ASSERT_EQ(stats->top_new_posts.size(), 1u);
  EXPECT_EQ(stats->top_new_posts[0].title, "Their new one");
  auto message = scratch_->db().query(
      "SELECT message FROM mail_outbox WHERE dedupe_key LIKE 'digest:daily:2026-12-03:%'");
  ASSERT_TRUE(message.ok() && !message->empty());
  EXPECT_NE((*message)[0].get_text(0).find("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, SourcesTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace sp::notifications
