#include "strangeprompt/events/outbox.hpp"

#include <gtest/gtest.h>

#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/db/testing/scratch_database.hpp"
#include "test_support.hpp"

namespace sp::events {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

// Appends through to the real log but reports failure for the first `fail_after_append` calls:
// a relay that "crashed" after the append and before deleting the row.
class CrashAfterAppendLog final : public testing::ForwardingLog {
 public:
  CrashAfterAppendLog(EventLog& inner, int fail_after_append, int fail_before_append = 0)
      : ForwardingLog(inner), after_(fail_after_append), before_(fail_before_append) {}
  Result<int64_t> append(std::string_view t, std::string_view k, std::string_view p) override {
    if (before_ > 0) {
      --before_;
      return Error::unavailable("log down");
    }
    auto r = inner_.append(t, k, p);
    if (r.ok() && after_ > 0) {
      --after_;
      return Error::unavailable("crashed after append");
    }
    return r;
  }

 private:
  int after_;
  int before_;
};

// Parameter: the service database's backend ("sqlite" | "postgres"); the log is embedded.
class OutboxTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (auto why = db::testing::backend_unavailable_reason(GetParam())) GTEST_SKIP() << *why;
    auto scratch = db::testing::ScratchDatabase::create(GetParam());
    ASSERT_TRUE(scratch.ok()) << scratch.error().internal;
    scratch_ = std::move(scratch).value();
    db_ = &scratch_->db();
    ASSERT_TRUE(Outbox::ensure_schema(*db_).ok());
    ASSERT_TRUE(db_->execute("CREATE TABLE posts (id BIGINT PRIMARY KEY)").ok());
    EventLogOptions lo;
    lo.path = dir_.file("events.db");
    auto log = EventLog::open(lo);
    ASSERT_TRUE(log.ok()) << log.error().internal;
    log_ = std::move(log).value();
  }

  static Envelope liked(int n) {
    return Envelope{"e" + std::to_string(n),
                    "gallery.likes",
                    1,
                    1'750'000'000'000,
                    "9",
                    R"({"n":)" + std::to_string(n) + "}"};
  }
  // Inserts a post and enqueues its event in one transaction; `fail` rolls both back.
  Status publish(int n, bool fail = false) {
    return db_->transact([&](db::Session& tx) -> Status {
      SP_TRY(tx.execute("INSERT INTO posts (id) VALUES (?)", {n}));
      SP_TRY(Outbox::enqueue(tx, liked(n)));
      if (fail) return Error::conflict("business rule failed after enqueue");
      return ok_status();
    });
  }
  int64_t count(std::string_view table) {
    auto rows = db_->query("SELECT COUNT(*) FROM " + std::string(table));
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? (*rows)[0].get_int(0) : -1;
  }
  std::vector<std::string> event_ids() {
    std::vector<std::string> ids;
    auto records = log_->read("gallery.likes", 0, 100);
    EXPECT_TRUE(records.ok());
    for (const Record& r : records.value_or(std::vector<Record>{})) {
      auto e = Envelope::parse(r.payload);
      ids.push_back(e.ok() ? e->id : "unparseable");
    }
    return ids;
  }
  using Ids = std::vector<std::string>;

  TempDir dir_;
  std::unique_ptr<db::testing::ScratchDatabase> scratch_;
  db::Database* db_ = nullptr;
  std::unique_ptr<EventLog> log_;
};

TEST_P(OutboxTest, RolledBackTransactionLeavesNeitherRowNorEvent) {
  EXPECT_FALSE(publish(1, /*fail=*/true).ok());
  EXPECT_EQ(count("posts"), 0);
  EXPECT_EQ(count("event_outbox"), 0);
  OutboxRelay relay(*db_, *log_);
  EXPECT_EQ(relay.relay_once().value_or(-1), 0);
  EXPECT_EQ(event_ids(), Ids{});
}

TEST_P(OutboxTest, CommittedTransactionYieldsExactlyOneEvent) {
  ASSERT_TRUE(publish(1).ok());
  OutboxRelay relay(*db_, *log_);
  EXPECT_EQ(relay.relay_once().value_or(-1), 1);
  EXPECT_EQ(relay.relay_once().value_or(-1), 0);
  EXPECT_EQ(event_ids(), Ids{"e1"});
  EXPECT_EQ(count("event_outbox"), 0);
}

TEST_P(OutboxTest, RecordCarriesTopicKeyAndEnvelope) {
  ASSERT_TRUE(publish(1).ok());
  OutboxRelay relay(*db_, *log_);
  ASSERT_TRUE(relay.relay_once().ok());
  auto records = log_->read("gallery.likes", 0, 10);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].key, "9");
  auto envelope = Envelope::parse((*records)[0].payload);
  ASSERT_TRUE(envelope.ok());
  EXPECT_EQ(envelope->data_json, R"({"n":1})");
}

TEST_P(OutboxTest, RelayMovesRowsInIdOrder) {
  for (int n : {3, 1, 2}) ASSERT_TRUE(publish(n).ok());
  OutboxRelay relay(*db_, *log_, {.interval = 10ms, .batch = 2});
  EXPECT_EQ(relay.relay_once().value_or(-1), 2);
  EXPECT_EQ(relay.relay_once().value_or(-1), 1);
  EXPECT_EQ(event_ids(), (Ids{"e3", "e1", "e2"}));
}

TEST_P(OutboxTest, CrashBetweenAppendAndDeleteDuplicatesButNeverLoses) {
  ASSERT_TRUE(publish(1).ok());
  CrashAfterAppendLog crashing(*log_, /*fail_after_append=*/1);
  OutboxRelay relay(*db_, crashing);
  EXPECT_FALSE(relay.relay_once().ok());
  EXPECT_EQ(count("event_outbox"), 1);
  EXPECT_EQ(relay.relay_once().value_or(-1), 1);
  EXPECT_EQ(event_ids(), (Ids{"e1", "e1"}));
  EXPECT_EQ(count("event_outbox"), 0);
}

TEST_P(OutboxTest, FailedAppendKeepsTheRowForTheNextPass) {
  ASSERT_TRUE(publish(1).ok());
  ASSERT_TRUE(publish(2).ok());
  CrashAfterAppendLog down(*log_, 0, /*fail_before_append=*/1);
  OutboxRelay relay(*db_, down);
  EXPECT_FALSE(relay.relay_once().ok());
  EXPECT_EQ(event_ids(), Ids{});
  EXPECT_EQ(relay.relay_once().value_or(-1), 2);
  EXPECT_EQ(event_ids(), (Ids{"e1", "e2"}));
}

TEST_P(OutboxTest, RelayThreadDeliversInTheBackground) {
  OutboxRelay relay(*db_, *log_, {.interval = 5ms, .batch = 10});
  relay.start();
  ASSERT_TRUE(publish(1).ok());
  auto polled = log_->poll("test.v1", "gallery.likes", 10, 10s);
  relay.stop();
  ASSERT_TRUE(polled.ok());
  EXPECT_EQ(polled->size(), 1u);
}

TEST_P(OutboxTest, EnqueueRejectsAnInvalidEnvelope) {
  Status s = db_->transact([&](db::Session& tx) -> Status {
    Envelope bad = liked(1);
    bad.type = "Not A Topic";
    return Outbox::enqueue(tx, bad);
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(count("event_outbox"), 0);
}

TEST_P(OutboxTest, EnsureSchemaIsIdempotent) {
  EXPECT_TRUE(Outbox::ensure_schema(*db_).ok());
}

INSTANTIATE_TEST_SUITE_P(ServiceDatabases, OutboxTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace sp::events
