// The EventLog contract, run against every backend (see event_log_backends_test.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <set>
#include <thread>

#include "event_log_backends_test.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::events {
namespace {

using namespace std::chrono_literals;
using testing::LogBackend;
using testing::TempDir;

class EventLogConformance : public ::testing::TestWithParam<LogBackend> {
 protected:
  void SetUp() override {
    if (auto why = GetParam().unavailable()) GTEST_SKIP() << *why;
    options_ = GetParam().fresh(dir_);
    options_.clock = &clock_;
    log_ = open();
  }
  void TearDown() override {
    log_.reset();
    if (!options_.backend.empty()) GetParam().cleanup(options_);
  }
  std::unique_ptr<EventLog> open() {
    auto log = EventLog::open(options_);
    EXPECT_TRUE(log.ok()) << (log.ok() ? "" : log.error().message + " " + log.error().internal);
    return log.ok() ? std::move(log).value() : nullptr;
  }
  int64_t append(std::string_view topic, std::string_view payload) {
    auto offset = log_->append(topic, "k", payload);
    EXPECT_TRUE(offset.ok()) << offset.error().message << " " << offset.error().internal;
    return offset.value_or(-1);
  }
  std::vector<std::string> payloads(const Result<std::vector<Record>>& records) {
    EXPECT_TRUE(records.ok()) << records.error().message << " " << records.error().internal;
    std::vector<std::string> out;
    if (records.ok()) {
      for (const Record& r : *records) out.push_back(r.payload);
    }
    return out;
  }
  using P = std::vector<std::string>;

  TempDir dir_;
  ManualClock clock_;
  EventLogOptions options_{.backend = ""};  // stays empty when the backend is skipped
  std::unique_ptr<EventLog> log_;
};

TEST_P(EventLogConformance, PingAnswersOnAnOpenLogWithoutAnyTopic) {
  EXPECT_TRUE(log_->ping().ok());
  EXPECT_EQ(log_->end_offset("t.a").value_or(-1), 0);  // ping created no topic
}

TEST_P(EventLogConformance, AppendAssignsDenseOffsetsFromZero) {
  EXPECT_EQ(append("t.a", "a"), 0);
  EXPECT_EQ(append("t.a", "b"), 1);
  EXPECT_EQ(append("t.a", "c"), 2);
  EXPECT_EQ(log_->end_offset("t.a").value_or(-1), 3);
}

TEST_P(EventLogConformance, OffsetsArePerTopic) {
  EXPECT_EQ(append("t.a", "a"), 0);
  EXPECT_EQ(append("t.b", "x"), 0);
  EXPECT_EQ(append("t.a", "b"), 1);
  EXPECT_EQ(log_->end_offset("t.b").value_or(-1), 1);
  EXPECT_EQ(log_->end_offset("t.empty").value_or(-1), 0);
}

TEST_P(EventLogConformance, ReadReturnsRecordsInOrderWithAllFields) {
  ASSERT_TRUE(log_->append("t.a", "key-1", R"({"n":1})").ok());
  clock_.advance(5ms);
  ASSERT_TRUE(log_->append("t.a", "key-2", R"({"n":2})").ok());
  auto records = log_->read("t.a", 0, 10);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 2u);
  const Record& second = (*records)[1];
  EXPECT_EQ(second.topic, "t.a");
  EXPECT_EQ(second.offset, 1);
  EXPECT_EQ(second.key, "key-2");
  EXPECT_EQ(second.payload, R"({"n":2})");
  EXPECT_EQ(second.timestamp_ms, clock_.now_ms());
  EXPECT_EQ((*records)[0].timestamp_ms, clock_.now_ms() - 5);
}

TEST_P(EventLogConformance, ReadStartsAtOffsetAndStopsAtMax) {
  for (const char* p : {"a", "b", "c", "d"}) append("t.a", p);
  EXPECT_EQ(payloads(log_->read("t.a", 1, 2)), (P{"b", "c"}));
  EXPECT_EQ(payloads(log_->read("t.a", 4, 10)), P{});
  EXPECT_EQ(payloads(log_->read("t.a", 0, 0)), P{});
}

TEST_P(EventLogConformance, InvalidTopicsAndOffsetsAreRejected) {
  for (const char* topic : {"", "Bad Topic", "a..b"}) {
    auto r = log_->append(topic, "k", "p");
    ASSERT_FALSE(r.ok()) << topic;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_FALSE(log_->read("t.a", -1, 10).ok());
  EXPECT_FALSE(log_->poll("", "t.a", 10, 0ms).ok());
}

TEST_P(EventLogConformance, PollStartsAtTheCommittedOffset) {
  for (const char* p : {"a", "b", "c"}) append("t.a", p);
  EXPECT_EQ(log_->committed("g.v1", "t.a").value_or(-1), 0);
  ASSERT_TRUE(log_->commit("g.v1", "t.a", 2).ok());
  EXPECT_EQ(log_->committed("g.v1", "t.a").value_or(-1), 2);
  EXPECT_EQ(payloads(log_->poll("g.v1", "t.a", 10, 0ms)), P{"c"});
}

TEST_P(EventLogConformance, PollRedeliversUntilCommitted) {
  append("t.a", "a");
  append("t.a", "b");
  EXPECT_EQ(payloads(log_->poll("g.v1", "t.a", 10, 0ms)), (P{"a", "b"}));
  EXPECT_EQ(payloads(log_->poll("g.v1", "t.a", 10, 0ms)), (P{"a", "b"}));
  ASSERT_TRUE(log_->commit("g.v1", "t.a", 1).ok());
  EXPECT_EQ(payloads(log_->poll("g.v1", "t.a", 10, 0ms)), P{"b"});
  ASSERT_TRUE(log_->commit("g.v1", "t.a", 2).ok());
  EXPECT_EQ(payloads(log_->poll("g.v1", "t.a", 10, 0ms)), P{});
}

TEST_P(EventLogConformance, CommitNeverMovesBackwards) {
  for (const char* p : {"a", "b", "c"}) append("t.a", p);
  ASSERT_TRUE(log_->commit("g.v1", "t.a", 3).ok());
  ASSERT_TRUE(log_->commit("g.v1", "t.a", 1).ok());
  EXPECT_EQ(log_->committed("g.v1", "t.a").value_or(-1), 3);
}

TEST_P(EventLogConformance, CommitBeyondTheEndIsRejected) {
  append("t.a", "a");
  auto r = log_->commit("g.v1", "t.a", 2);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(log_->commit("g.v1", "t.a", -1).ok());
  EXPECT_FALSE(log_->seek("g.v1", "t.a", 2).ok());
}

TEST_P(EventLogConformance, SeekRewindsForReplay) {
  for (const char* p : {"a", "b", "c"}) append("t.a", p);
  ASSERT_TRUE(log_->commit("g.v1", "t.a", 3).ok());
  ASSERT_TRUE(log_->seek("g.v1", "t.a", 1).ok());
  EXPECT_EQ(log_->committed("g.v1", "t.a").value_or(-1), 1);
  EXPECT_EQ(payloads(log_->poll("g.v1", "t.a", 10, 0ms)), (P{"b", "c"}));
}

TEST_P(EventLogConformance, GroupsAreIndependent) {
  append("t.a", "a");
  append("t.a", "b");
  ASSERT_TRUE(log_->commit("analytics.views.v1", "t.a", 2).ok());
  EXPECT_EQ(payloads(log_->poll("analytics.views.v2", "t.a", 10, 0ms)), (P{"a", "b"}));
  EXPECT_EQ(payloads(log_->poll("analytics.views.v1", "t.a", 10, 0ms)), P{});
  EXPECT_EQ(log_->committed("analytics.views.v1", "t.b").value_or(-1), 0);
}

TEST_P(EventLogConformance, RecordsAndOffsetsSurviveReopen) {
  append("t.a", "a");
  append("t.a", "b");
  ASSERT_TRUE(log_->commit("g.v1", "t.a", 1).ok());
  log_.reset();
  log_ = open();
  ASSERT_NE(log_, nullptr);
  EXPECT_EQ(payloads(log_->read("t.a", 0, 10)), (P{"a", "b"}));
  EXPECT_EQ(log_->committed("g.v1", "t.a").value_or(-1), 1);
  EXPECT_EQ(append("t.a", "c"), 2);
}

TEST_P(EventLogConformance, ConcurrentAppendersGetUniqueDenseOffsets) {
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        EXPECT_TRUE(log_->append("t.a", "k", std::to_string(t) + ":" + std::to_string(i)).ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  auto records = log_->read("t.a", 0, 1000);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), static_cast<std::size_t>(kThreads * kEach));
  std::vector<int> next(kThreads, 0);  // each appender's records appear in its own order
  for (std::size_t i = 0; i < records->size(); ++i) {
    const Record& r = (*records)[i];
    EXPECT_EQ(r.offset, static_cast<int64_t>(i));
    const int t = std::stoi(r.payload.substr(0, r.payload.find(':')));
    EXPECT_EQ(r.payload, std::to_string(t) + ":" + std::to_string(next[t]++));
  }
}

TEST_P(EventLogConformance, PollWithoutRecordsTimesOutEmpty) {
  EXPECT_EQ(payloads(log_->poll("g.v1", "t.a", 10, 20ms)), P{});
}

TEST_P(EventLogConformance, PollWakesOnAppend) {
  std::promise<void> polling;
  auto polled = std::async(std::launch::async, [&] {
    polling.set_value();
    return log_->poll("g.v1", "t.a", 10, 60s);
  });
  polling.get_future().wait();
  // Still running 20 ms into reading an empty topic (microseconds' work): it is waiting, so the
  // append below must wake it; one that slept its full wait would miss the 10 s below.
  ASSERT_EQ(polled.wait_for(20ms), std::future_status::timeout) << "poll returned without records";
  append("t.other", "unrelated");
  append("t.a", "a");
  ASSERT_EQ(polled.wait_for(10s), std::future_status::ready) << "poll did not wake";
  EXPECT_EQ(payloads(polled.get()), P{"a"});
}

INSTANTIATE_TEST_SUITE_P(Backends, EventLogConformance,
                         ::testing::ValuesIn(testing::log_backends()),
                         [](const auto& p) { return p.param.name; });

TEST(EventLogFactory, KafkaWithoutBrokersIsInvalid) {
  EventLogOptions o;
  o.backend = "kafka";
  auto r = EventLog::open(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
}

TEST(EventLogFactory, KafkaWithABadTopicPrefixIsInvalid) {
  EventLogOptions o;
  o.backend = "kafka";
  o.kafka_brokers = "127.0.0.1:9";
  o.kafka_topic_prefix = "bad prefix/";
  auto r = EventLog::open(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
}

TEST(EventLogFactory, UnknownBackendOrMissingPathIsInvalid) {
  EventLogOptions unknown;
  unknown.backend = "carrier-pigeon";
  EventLogOptions no_path;  // embedded without a file
  for (const EventLogOptions& o : {unknown, no_path}) {
    auto r = EventLog::open(o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace sp::events
