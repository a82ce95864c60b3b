#include "strangeprompt/events/consumer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <stdexcept>

#include "test_support.hpp"

namespace sp::events {
namespace {

using namespace std::chrono_literals;
using testing::eventually;
using testing::TempDir;

// Records what the handler saw; thread-safe.
class Seen {
 public:
  void add(const std::string& s) {
    std::lock_guard lock(mu_);
    items_.push_back(s);
  }
  std::vector<std::string> items() {
    std::lock_guard lock(mu_);
    return items_;
  }
  std::size_t size() { return items().size(); }

 private:
  std::mutex mu_;
  std::vector<std::string> items_;
};

// Forwards to a real log and counts commits.
class CountingLog final : public testing::ForwardingLog {
 public:
  using ForwardingLog::ForwardingLog;
  int commits() const { return commits_.load(); }
  Status commit(std::string_view g, std::string_view t, int64_t next) override {
    ++commits_;
    return inner_.commit(g, t, next);
  }

 private:
  std::atomic<int> commits_{0};
};

class ConsumerRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EventLogOptions o;
    o.path = dir_.file("events.db");
    auto log = EventLog::open(o);
    ASSERT_TRUE(log.ok());
    log_ = std::move(log).value();
  }
  void append_all(std::initializer_list<const char*> payloads) {
    for (const char* p : payloads) ASSERT_TRUE(log_->append("gallery.views", "k", p).ok());
  }
  ConsumerOptions options(std::string group = "analytics.views.v1") {
    return ConsumerOptions{.group = std::move(group),
                           .topic = "gallery.views",
                           .batch = 2,
                           .poll_wait = 20ms,
                           .initial_backoff = 1ms,
                           .max_backoff = 4ms};
  }
  bool committed_reaches(int64_t offset, const std::string& group = "analytics.views.v1") {
    return eventually(
        [&] { return log_->committed(group, "gallery.views").value_or(-1) == offset; });
  }
  using P = std::vector<std::string>;

  TempDir dir_;
  std::unique_ptr<EventLog> log_;
  Seen seen_;
};

TEST_F(ConsumerRunnerTest, HandlesRecordsInOrderAndCommitsEach) {
  append_all({"a", "b", "c", "d", "e"});
  ConsumerRunner runner(*log_, options(), [&](const Record& r) {
    seen_.add(r.payload);
    return ok_status();
  });
  ASSERT_TRUE(runner.start().ok());
  ASSERT_TRUE(committed_reaches(5));
  runner.stop();
  EXPECT_EQ(seen_.items(), (P{"a", "b", "c", "d", "e"}));
}

// A commit per record cost a broker round trip (Kafka) or a write transaction (SQL) per event.
TEST_F(ConsumerRunnerTest, CommitsOncePerPolledBatch) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(log_->append("gallery.views", "k", "x").ok());
  CountingLog counting(*log_);
  auto o = options();
  o.batch = 10;
  ConsumerRunner runner(counting, o, [&](const Record& r) {
    seen_.add(r.payload);
    return ok_status();
  });
  ASSERT_TRUE(runner.start().ok());
  ASSERT_TRUE(committed_reaches(10));
  runner.stop();
  EXPECT_EQ(seen_.size(), 10u);
  EXPECT_EQ(counting.commits(), 1);
}

// The records before a failing one are committed before it backs off, so a restart during a long
// outage redelivers only the failing record.
TEST_F(ConsumerRunnerTest, AFailingRecordCommitsTheRecordsBeforeItFirst) {
  append_all({"a", "b", "c"});
  ConsumerRunner runner(*log_,
                        {.group = "analytics.views.v1",
                         .topic = "gallery.views",
                         .batch = 10,
                         .initial_backoff = 1h,
                         .max_backoff = 1h},
                        [&](const Record& r) -> Status {
                          seen_.add(r.payload);
                          if (r.payload == "c") return Error::unavailable("downstream down");
                          return ok_status();
                        });
  ASSERT_TRUE(runner.start().ok());
  ASSERT_TRUE(committed_reaches(2));
  runner.stop();
  EXPECT_EQ(seen_.items(), (P{"a", "b", "c"}));
  EXPECT_EQ(log_->committed("analytics.views.v1", "gallery.views").value_or(-1), 2);
}

TEST_F(ConsumerRunnerTest, PicksUpRecordsAppendedWhileRunning) {
  ConsumerRunner runner(*log_, options(), [&](const Record& r) {
    seen_.add(r.payload);
    return ok_status();
  });
  ASSERT_TRUE(runner.start().ok());
  append_all({"late"});
  ASSERT_TRUE(committed_reaches(1));
  EXPECT_EQ(seen_.items(), P{"late"});
}

TEST_F(ConsumerRunnerTest, RetriesAFailingRecordWithoutSkippingIt) {
  append_all({"a", "b", "c"});
  int failures_left = 3;
  ConsumerRunner runner(*log_, options(), [&](const Record& r) -> Status {
    seen_.add(r.payload);
    if (r.payload == "b" && failures_left-- > 0) return Error::unavailable("downstream down");
    return ok_status();
  });
  ASSERT_TRUE(runner.start().ok());
  ASSERT_TRUE(committed_reaches(3));
  runner.stop();
  EXPECT_EQ(seen_.items(), (P{"a", "b", "b", "b", "b", "c"}));
}

TEST_F(ConsumerRunnerTest, StopDuringBackoffLeavesTheRecordUncommitted) {
  append_all({"a"});
  ConsumerRunner runner(
      *log_, {.group = "g.v1", .topic = "gallery.views", .initial_backoff = 1h, .max_backoff = 1h},
      [&](const Record& r) -> Status {
        seen_.add(r.payload);
        return Error::internal_error("always fails");
      });
  ASSERT_TRUE(runner.start().ok());
  ASSERT_TRUE(eventually([&] { return seen_.size() == 1; }));
  runner.stop();  // must not wait out the hour
  EXPECT_EQ(log_->committed("g.v1", "gallery.views").value_or(-1), 0);
}

// Defect: only std::exception was caught, so any other throw ended the process.
TEST_F(ConsumerRunnerTest, AHandlerThrowingAnythingIsRetriedNotFatal) {
  append_all({"a"});
  int calls = 0;  // only the runner's thread touches it
  ConsumerRunner runner(*log_, options(), [&](const Record& r) -> Status {
    seen_.add(r.payload);
    if (++calls == 1) throw 42;
    if (calls == 2) throw std::runtime_error("boom");
    return ok_status();
  });
  ASSERT_TRUE(runner.start().ok());
  ASSERT_TRUE(committed_reaches(1));
  runner.stop();
  EXPECT_EQ(seen_.items(), (P{"a", "a", "a"}));
}

TEST_F(ConsumerRunnerTest, RestartResumesAfterTheLastCommit) {
  append_all({"a", "b"});
  auto handler = [&](const Record& r) {
    seen_.add(r.payload);
    return ok_status();
  };
  {
    ConsumerRunner first(*log_, options(), handler);
    ASSERT_TRUE(first.start().ok());
    ASSERT_TRUE(committed_reaches(2));
  }
  append_all({"c"});
  ConsumerRunner second(*log_, options(), handler);
  ASSERT_TRUE(second.start().ok());
  ASSERT_TRUE(committed_reaches(3));
  second.stop();
  EXPECT_EQ(seen_.items(), (P{"a", "b", "c"}));
}

TEST_F(ConsumerRunnerTest, ANewGroupVersionReplaysFromTheStart) {
  append_all({"a", "b"});
  ASSERT_TRUE(log_->commit("analytics.views.v1", "gallery.views", 2).ok());
  ConsumerRunner v2(*log_, options("analytics.views.v2"), [&](const Record& r) {
    seen_.add(r.payload);
    return ok_status();
  });
  ASSERT_TRUE(v2.start().ok());
  ASSERT_TRUE(committed_reaches(2, "analytics.views.v2"));
  v2.stop();
  EXPECT_EQ(seen_.items(), (P{"a", "b"}));
}

TEST_F(ConsumerRunnerTest, StartRejectsAnUnversionedGroup) {
  ConsumerRunner runner(*log_, options("analytics.views"),
                        [](const Record&) { return ok_status(); });
  auto s = runner.start();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

TEST(ConsumerGroup, NamesCarryAVersion) {
  for (const char* good : {"analytics.views.v1", "notifications.follow.v12", "x.v0"}) {
    EXPECT_TRUE(is_versioned_group(good)) << good;
  }
  for (const char* bad : {"", "analytics.views", ".v1", "analytics.v", "analytics.v1a", "v1"}) {
    EXPECT_FALSE(is_versioned_group(bad)) << bad;
  }
}

}  // namespace
}  // namespace sp::events
