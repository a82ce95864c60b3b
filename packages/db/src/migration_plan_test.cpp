#include "migration_plan.hpp"

#include <gtest/gtest.h>

namespace sp::db {
namespace {

struct NameCase {
  const char* file;
  bool valid;
  int version;
  std::optional<Dialect> dialect;
};

TEST(MigrationName, ParsesVersionTitleAndDialect) {
  const NameCase cases[] = {
      {"001_users.sql", true, 1, std::nullopt},
      {"12_add-index_2.sql", true, 12, std::nullopt},
      {"003_fts.sqlite.sql", true, 3, Dialect::kSqlite},
      {"003_fts.postgres.sql", true, 3, Dialect::kPostgres},
      {"001_users.mysql.sql", false, 0, std::nullopt},
      {"users.sql", false, 0, std::nullopt},
      {"001users.sql", false, 0, std::nullopt},
      {"001_.sql", false, 0, std::nullopt},
      {"001_users.txt", false, 0, std::nullopt},
      {"001_users", false, 0, std::nullopt},
      {"001_us ers.sql", false, 0, std::nullopt},
      {"1234567890_too_long.sql", false, 0, std::nullopt},
      {"", false, 0, std::nullopt},
  };
  for (const auto& c : cases) {
    std::optional<MigrationName> name = parse_migration_name(c.file);
    ASSERT_EQ(name.has_value(), c.valid) << c.file;
    if (!name) continue;
    EXPECT_EQ(name->version, c.version) << c.file;
    EXPECT_EQ(name->dialect, c.dialect) << c.file;
  }
}

std::vector<std::string> planned_names(const std::vector<MigrationFile>& files, Dialect d) {
  auto plan = plan_migrations(files, d);
  EXPECT_TRUE(plan.ok());
  std::vector<std::string> names;
  if (plan.ok()) {
    for (const auto& m : *plan) names.push_back(m.file->name);
  }
  return names;
}

TEST(MigrationPlan, OrdersByVersionNotByListOrder) {
  std::vector<MigrationFile> files = {{"010_b.sql", ""}, {"002_a.sql", ""}, {"1_first.sql", ""}};
  EXPECT_EQ(planned_names(files, Dialect::kSqlite),
            (std::vector<std::string>{"1_first.sql", "002_a.sql", "010_b.sql"}));
}

TEST(MigrationPlan, PicksTheDialectFileAndSkipsTheOther) {
  std::vector<MigrationFile> files = {{"001_base.sql", ""},
                                      {"002_fts.sqlite.sql", ""},
                                      {"002_fts.postgres.sql", ""},
                                      {"003_pg_only.postgres.sql", ""}};
  EXPECT_EQ(planned_names(files, Dialect::kSqlite),
            (std::vector<std::string>{"001_base.sql", "002_fts.sqlite.sql"}));
  EXPECT_EQ(planned_names(files, Dialect::kPostgres),
            (std::vector<std::string>{"001_base.sql", "002_fts.postgres.sql",
                                      "003_pg_only.postgres.sql"}));
}

struct RejectCase {
  const char* why;
  std::vector<MigrationFile> files;
};

TEST(MigrationPlan, RejectsBadNamesAndDuplicateVersions) {
  const RejectCase cases[] = {
      {"bad name", {{"001_ok.sql", ""}, {"oops.sql", ""}}},
      {"same version twice", {{"001_a.sql", ""}, {"1_b.sql", ""}}},
      {"generic plus dialect file", {{"002_a.sql", ""}, {"002_a.sqlite.sql", ""}}},
      {"other dialect duplicated", {{"002_a.postgres.sql", ""}, {"002_b.postgres.sql", ""}}},
  };
  for (const auto& c : cases) {
    auto plan = plan_migrations(c.files, Dialect::kSqlite);
    ASSERT_FALSE(plan.ok()) << c.why;
    EXPECT_EQ(plan.error().code, ErrorCode::kInvalidArgument) << c.why;
  }
}

}  // namespace
}  // namespace sp::db
