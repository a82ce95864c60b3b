// SQLite-only behaviour of Database::open and the adapter; the shared behaviour is in
// database_conformance_test.cpp.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "sqlite/sqlite_error.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/testing/postgres.hpp"

namespace sp::db {
namespace {

namespace fs = std::filesystem;

// A fresh directory whose files the tests name with dir / "x.db".
class ScratchDir {
 public:
  fs::path operator/(const std::string& name) const { return dir_.path() / name; }

 private:
  sp::testing::TempDir dir_{"sp_db_sqlite"};
};

DatabaseOptions sqlite_at(const fs::path& path) {
  DatabaseOptions options;
  options.sqlite_path = path.string();
  return options;
}

TEST(DatabaseOpen, RejectsUnknownBackend) {
  DatabaseOptions options;
  options.backend = "mysql";
  auto db = Database::open(options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kInvalidArgument);
}

TEST(DatabaseOpen, RejectsInMemorySqlite) {
  for (const char* path : {":memory:", "file::memory:?cache=shared", "", "file:x?mode=memory"}) {
    DatabaseOptions options;
    options.sqlite_path = path;
    auto db = Database::open(options);
    ASSERT_FALSE(db.ok()) << path;
    EXPECT_EQ(db.error().code, ErrorCode::kInvalidArgument) << path;
  }
}

TEST(DatabaseOpen, RejectsPostgresWithoutDsn) {
  DatabaseOptions options;
  options.backend = "postgres";
  auto db = Database::open(options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kInvalidArgument);
}

TEST(DatabaseOpen, UnreachablePostgresIsUnavailable) {
  DatabaseOptions options;
  options.backend = "postgres";
  options.postgres_dsn = "host=127.0.0.1 port=1 connect_timeout=2";
  auto db = Database::open(options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
}

TEST(SqliteDatabase, CreatesParentDirectories) {
  ScratchDir dir;
  fs::path path = dir / "a/b/c.db";
  auto db = Database::open(sqlite_at(path));
  ASSERT_TRUE(db.ok()) << db.error().internal;
  EXPECT_TRUE(fs::exists(path));
}

TEST(SqliteDatabase, UsesWriteAheadLogging) {
  ScratchDir dir;
  auto db = Database::open(sqlite_at(dir / "wal.db"));
  ASSERT_TRUE(db.ok());
  auto mode = (*db)->query("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  EXPECT_EQ((*mode)[0].get_text(0), "wal");
}

TEST(SqliteDatabase, ConnectionsGetTheConfiguredPageCacheAndMmapSizes) {
  ScratchDir dir;
  DatabaseOptions options = sqlite_at(dir / "cache.db");
  options.sqlite_cache_mib = 96;
  options.sqlite_mmap_mib = 128;
  auto db = Database::open(options);
  ASSERT_TRUE(db.ok());
  auto cache = (*db)->query("PRAGMA cache_size");
  auto mmap = (*db)->query("PRAGMA mmap_size");
  ASSERT_TRUE(cache.ok() && mmap.ok());
  EXPECT_EQ((*cache)[0].get_int(0), -96 * 1024);  // negative: KiB
  EXPECT_EQ((*mmap)[0].get_int(0), int64_t{128} << 20);
}

TEST(SqliteDatabase, ZeroKeepsSqlitesDefaultCacheAndNoMmap) {
  ScratchDir dir;
  DatabaseOptions options = sqlite_at(dir / "nocache.db");
  options.sqlite_cache_mib = 0;
  options.sqlite_mmap_mib = 0;
  auto db = Database::open(options);
  ASSERT_TRUE(db.ok());
  auto cache = (*db)->query("PRAGMA cache_size");
  auto mmap = (*db)->query("PRAGMA mmap_size");
  ASSERT_TRUE(cache.ok() && mmap.ok());
  EXPECT_EQ((*cache)[0].get_int(0), -2000);  // SQLite's built-in default
  EXPECT_EQ((*mmap)[0].get_int(0), 0);
}

TEST(SqliteDatabase, NegativeCacheOrMmapSizeIsInvalid) {
  ScratchDir dir;
  DatabaseOptions options = sqlite_at(dir / "bad.db");
  options.sqlite_cache_mib = -1;
  auto bad_cache = Database::open(options);
  ASSERT_FALSE(bad_cache.ok());
  EXPECT_EQ(bad_cache.error().code, ErrorCode::kInvalidArgument);
  options.sqlite_cache_mib = 64;
  options.sqlite_mmap_mib = -1;
  auto bad_mmap = Database::open(options);
  ASSERT_FALSE(bad_mmap.ok());
  EXPECT_EQ(bad_mmap.error().code, ErrorCode::kInvalidArgument);
}

TEST(SqliteDatabase, QueryConnectionsAreReadOnly) {
  ScratchDir dir;
  auto db = Database::open(sqlite_at(dir / "ro.db"));
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->execute("CREATE TABLE t (x INTEGER)").ok());
  auto written = (*db)->query("INSERT INTO t VALUES (1) RETURNING x");
  EXPECT_FALSE(written.ok());
}

TEST(SqliteDatabase, ForeignKeysAreEnforced) {
  ScratchDir dir;
  auto db = Database::open(sqlite_at(dir / "fk.db"));
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->execute("CREATE TABLE p (id INTEGER PRIMARY KEY)").ok());
  ASSERT_TRUE((*db)->execute("CREATE TABLE c (p INTEGER REFERENCES p(id))").ok());
  auto orphan = (*db)->execute("INSERT INTO c VALUES (42)");
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code, ErrorCode::kInternal);
}

TEST(SqliteDatabase, WriterHeldByAnotherHandleIsUnavailableAfterBusyTimeout) {
  ScratchDir dir;
  DatabaseOptions options = sqlite_at(dir / "busy.db");
  options.busy_timeout_ms = 50;
  auto first = Database::open(options);
  auto second = Database::open(options);
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE((*first)->execute("CREATE TABLE t (x INTEGER)").ok());
  Status outer = (*first)->transact([&](Session& s) -> Status {
    SP_TRY(s.execute("INSERT INTO t VALUES (1)"));
    auto blocked = (*second)->execute("INSERT INTO t VALUES (2)");
    EXPECT_FALSE(blocked.ok());
    if (!blocked.ok()) {
      EXPECT_EQ(blocked.error().code, ErrorCode::kUnavailable);
    }
    return ok_status();
  });
  EXPECT_TRUE(outer.ok());
}

struct CodeCase {
  int sqlite_code;
  ErrorCode expected;
};

TEST(SqliteError, MapsExtendedCodes) {
  const CodeCase cases[] = {
      {SQLITE_CONSTRAINT_UNIQUE, ErrorCode::kConflict},
      {SQLITE_CONSTRAINT_PRIMARYKEY, ErrorCode::kConflict},
      {SQLITE_CONSTRAINT_FOREIGNKEY, ErrorCode::kInternal},
      {SQLITE_CONSTRAINT_NOTNULL, ErrorCode::kInternal},
      {SQLITE_BUSY, ErrorCode::kUnavailable},
      {SQLITE_BUSY_SNAPSHOT, ErrorCode::kUnavailable},
      {SQLITE_LOCKED, ErrorCode::kUnavailable},
      {SQLITE_ERROR, ErrorCode::kInternal},
  };
  for (const auto& c : cases) EXPECT_EQ(sqlite_error(c.sqlite_code, "x").code, c.expected);
}

TEST(SqliteError, EngineMessageStaysInternal) {
  Error e = sqlite_error(SQLITE_CONSTRAINT_UNIQUE, "UNIQUE constraint failed: users.email");
  EXPECT_EQ(e.message, "already exists");
  EXPECT_NE(e.internal.find("users.email"), std::string::npos);
}

}  // namespace
}  // namespace sp::db
