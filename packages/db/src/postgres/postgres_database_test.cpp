// PostgreSQL-only behaviour: schemas, pool limits and lost connections. Skipped without a server.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <latch>
#include <thread>

#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/db/testing/scratch_database.hpp"

namespace sp::db {
namespace {

namespace dbt = sp::db::testing;

class PostgresDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = dbt::backend_unavailable_reason("postgres")) GTEST_SKIP() << *why;
  }
  std::unique_ptr<dbt::ScratchDatabase> scratch(DatabaseOptions base = {}) {
    auto made = dbt::ScratchDatabase::create("postgres", std::move(base));
    EXPECT_TRUE(made.ok()) << made.error().internal;
    return made.ok() ? std::move(made).value() : nullptr;
  }
};

TEST_F(PostgresDatabase, EachServiceSchemaIsItsOwnNamespace) {
  auto a = scratch();
  auto b = scratch();
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->db().execute("CREATE TABLE t (x INTEGER)").ok());
  ASSERT_TRUE(b->db().execute("CREATE TABLE t (x INTEGER)").ok());  // no clash
  auto schema = a->db().query("SELECT current_schema()");
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ((*schema)[0].get_text(0), a->options().postgres_schema);
}

TEST_F(PostgresDatabase, ExhaustedPoolIsUnavailableAfterTimeout) {
  DatabaseOptions base;
  base.pool_size = 1;
  base.busy_timeout_ms = 100;
  auto s = scratch(base);
  ASSERT_TRUE(s);
  Status st = s->db().transact([&](Session&) -> Status {
    auto starved = s->db().query("SELECT 1");
    EXPECT_FALSE(starved.ok());
    if (!starved.ok()) {
      EXPECT_EQ(starved.error().code, ErrorCode::kUnavailable);
    }
    return ok_status();
  });
  EXPECT_TRUE(st.ok());
}

TEST_F(PostgresDatabase, DeadlockIsRetryableUnavailable) {
  auto s = scratch();
  ASSERT_TRUE(s);
  Database& db = s->db();
  ASSERT_TRUE(db.execute("CREATE TABLE acct (id INTEGER PRIMARY KEY, n INTEGER)").ok());
  ASSERT_TRUE(db.execute("INSERT INTO acct VALUES (1, 0), (2, 0)").ok());
  std::latch both_locked(2);
  auto cross = [&](int first, int second) {
    return db.transact([&](Session& session) -> Status {
      SP_TRY(session.execute("UPDATE acct SET n = n + 1 WHERE id = ?", {first}));
      both_locked.arrive_and_wait();
      SP_TRY(session.execute("UPDATE acct SET n = n + 1 WHERE id = ?", {second}));
      return ok_status();
    });
  };
  Status a;
  std::thread other([&] { a = cross(1, 2); });
  Status b = cross(2, 1);
  other.join();
  ASSERT_NE(a.ok(), b.ok()) << "exactly one side is chosen as the deadlock victim";
  const Error& victim = a.ok() ? b.error() : a.error();
  EXPECT_EQ(victim.code, ErrorCode::kUnavailable);
  EXPECT_NE(victim.internal.find("40P01"), std::string::npos);
}

TEST_F(PostgresDatabase, LostConnectionIsUnavailableThenReconnects) {
  std::string app = dbt::unique_schema_name("sp_kill");
  DatabaseOptions base;
  base.pool_size = 1;
  ::setenv("PGAPPNAME", app.c_str(), 1);  // tags this test's connection for the terminator
  auto victim = scratch(base);
  ::unsetenv("PGAPPNAME");
  auto admin = scratch();
  ASSERT_TRUE(victim && admin);
  ASSERT_TRUE(victim->db().query("SELECT 1").ok());

  const char* kTerminate =
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?";
  ASSERT_TRUE(admin->db().query(kTerminate, {app}).ok());
  for (int i = 0; i < 100; ++i) {  // termination is asynchronous
    auto left = admin->db().query(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", {app});
    ASSERT_TRUE(left.ok());
    if ((*left)[0].get_int(0) == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }

  auto lost = victim->db().query("SELECT 1");
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, ErrorCode::kUnavailable);
  auto again = victim->db().query("SELECT 1");
  EXPECT_TRUE(again.ok()) << again.error().internal;
}

}  // namespace
}  // namespace sp::db
