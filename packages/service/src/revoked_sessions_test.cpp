// RevokedSessions forgets an ended session once no access token of it can be valid, and learns
// of ended sessions from the user.session_ended event.
#include "strangeprompt/service/revoked_sessions.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::service {
namespace {

using std::chrono::seconds;

TEST(RevokedSessions, RemembersAnEndedSessionForTheWindowOnly) {
  ManualClock clock;
  RevokedSessions revoked(clock, seconds(660));
  revoked.add(7, clock.now_ms());
  EXPECT_TRUE(revoked.contains(7));
  EXPECT_FALSE(revoked.contains(8));
  clock.advance(seconds(659));
  EXPECT_TRUE(revoked.contains(7));
  clock.advance(seconds(1));
  EXPECT_FALSE(revoked.contains(7));
  EXPECT_EQ(revoked.size(), 0u);  // expired entries are dropped: the set stays bounded
}

TEST(RevokedSessions, IgnoresSessionsThatEndedBeforeTheWindow) {
  ManualClock clock;
  RevokedSessions revoked(clock, seconds(660));
  revoked.add(7, clock.now_ms() - 661'000);
  EXPECT_FALSE(revoked.contains(7));
  EXPECT_EQ(revoked.size(), 0u);
}

std::string session_ended_json(const std::string& ids, int64_t at_ms) {
  events::Envelope e{.id = "1",
                     .type = "user.session_ended",
                     .version = 1,
                     .occurred_at_ms = at_ms,
                     .key = "42",
                     .data_json = R"({"userId":"42","sessionIds":)" + ids +
                                  R"(,"reason":"logout","at":")" + format_rfc3339_ms(at_ms) +
                                  "\"}"};
  return e.to_json().value();
}

TEST(SessionEnded, ParsesTheEventAndRefusesOtherShapes) {
  auto parsed = parse_session_ended(session_ended_json(R"(["5","6"])", 1'700'000'000'000));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->user_id, 42);
  EXPECT_EQ(parsed->session_ids, (std::vector<int64_t>{5, 6}));
  EXPECT_EQ(parsed->reason, "logout");
  EXPECT_EQ(parsed->at_ms, 1'700'000'000'000);
  EXPECT_FALSE(parse_session_ended(session_ended_json(R"([5])", 1'700'000'000'000)).ok());
  EXPECT_FALSE(parse_session_ended(session_ended_json(R"("5")", 1'700'000'000'000)).ok());
  EXPECT_FALSE(parse_session_ended("{}").ok());
}

class SessionEndFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sp-revoked-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    log_ = EventLog().value();
  }
  void TearDown() override {
    log_.reset();
    std::filesystem::remove_all(dir_);
  }
  Result<std::unique_ptr<events::EventLog>> EventLog() {
    return events::EventLog::open({.backend = "embedded",
                                   .path = (dir_ / "events.db").string(),
                                   .postgres_dsn = {},
                                   .postgres_schema = {},
                                   .clock = &clock_});
  }
  void append(const std::string& ids, int64_t at_ms) {
    ASSERT_TRUE(log_->append("user.session_ended", "42", session_ended_json(ids, at_ms)).ok());
  }
  // Polls (no fixed sleep) until `id` is in the set or 5 s passed.
  static bool eventually_contains(const RevokedSessions& revoked, int64_t id) {
    const auto deadline = std::chrono::steady_clock::now() + seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
      if (revoked.contains(id)) return true;
      std::this_thread::yield();
    }
    return false;
  }

  ManualClock clock_;
  std::filesystem::path dir_;
  std::unique_ptr<events::EventLog> log_;
};

TEST_F(SessionEndFeedTest, AddsSessionsFromTheEventAndSkipsMalformedRecords) {
  RevokedSessions revoked(clock_, seconds(660));
  SessionEndFeed feed(*log_, revoked, "test.sessions.v1", std::chrono::milliseconds(20));
  ASSERT_TRUE(feed.start().ok());
  ASSERT_TRUE(log_->append("user.session_ended", "42", "not json").ok());
  append(R"(["11"])", clock_.now_ms());
  EXPECT_TRUE(eventually_contains(revoked, 11));
  feed.stop();
}

TEST_F(SessionEndFeedTest, AFreshProcessReplaysOnlyTheWindow) {
  // Record 0 was appended before the window (its `at` claims otherwise, so only the seek can
  // keep it out); record 1 inside it.
  append(R"(["1"])", clock_.now_ms() + 700'000);
  clock_.advance(seconds(700));
  append(R"(["2"])", clock_.now_ms() - 1000);
  RevokedSessions revoked(clock_, seconds(660));
  SessionEndFeed feed(*log_, revoked, "test.sessions.v1", std::chrono::milliseconds(20));
  ASSERT_TRUE(feed.start().ok());
  EXPECT_TRUE(eventually_contains(revoked, 2));
  EXPECT_FALSE(revoked.contains(1));
  feed.stop();
}

TEST(ProcessGroup, IsVersionedAndNamesTheProcess) {
  const std::string group = process_group("gallery.sessions");
  EXPECT_TRUE(group.starts_with("gallery.sessions."));
  EXPECT_TRUE(group.ends_with("-" + std::to_string(::getpid()) + ".v1"));
}

}  // namespace
}  // namespace sp::service
