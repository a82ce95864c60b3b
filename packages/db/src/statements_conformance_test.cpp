// The store verbs of statements.hpp on every adapter, through a Database and through a Session.
#include "strangeprompt/db/statements.hpp"

#include <gtest/gtest.h>

#include <string>

#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/db/testing/scratch_database.hpp"

namespace sp::db {
namespace {

namespace dbt = sp::db::testing;

struct Item {
  int64_t id = 0;
  std::string name;
};

Item item_from_row(const Row& row) {
  return Item{row.get_int(0), row.get_text(1)};
}

constexpr std::string_view kItemById = "SELECT id, name FROM items WHERE id = ?";
constexpr std::string_view kItemsFrom = "SELECT id, name FROM items WHERE id >= ? ORDER BY id";
constexpr std::string_view kRename = "UPDATE items SET name = ? WHERE id = ?";

class StatementsConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (auto why = dbt::backend_unavailable_reason(GetParam())) GTEST_SKIP() << *why;
    auto scratch = dbt::ScratchDatabase::create(GetParam());
    ASSERT_TRUE(scratch.ok()) << scratch.error().message << ": " << scratch.error().internal;
    scratch_ = std::move(scratch).value();
    ASSERT_TRUE(run(db(), "CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT NOT NULL)").ok());
    for (int64_t id : {1, 2, 3}) {
      ASSERT_TRUE(
          run(db(), "INSERT INTO items (id, name) VALUES (?, ?)", {id, "item" + std::to_string(id)})
              .ok());
    }
  }
  Database& db() { return scratch_->db(); }

  std::unique_ptr<dbt::ScratchDatabase> scratch_;
};

// A store's typed view of a transaction, as a service writes one.
class ItemTransaction {
 public:
  explicit ItemTransaction(Session& session) : session_(session) {}
  Result<bool> rename(int64_t id, std::string_view name) {
    return changed_one(session_, kRename, {name, id});
  }
  Result<std::optional<Item>> find(int64_t id) {
    return query_one(session_, kItemById, {id}, item_from_row);
  }

 private:
  Session& session_;
};

TEST_P(StatementsConformance, QueryOneMapsTheFirstRow) {
  auto found = query_one(db(), kItemById, {2}, item_from_row);
  ASSERT_TRUE(found.ok()) << found.error().internal;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, 2);
  EXPECT_EQ((*found)->name, "item2");
}

TEST_P(StatementsConformance, QueryOneIsEmptyWhenNoRowMatches) {
  auto found = query_one(db(), kItemById, {42}, item_from_row);
  ASSERT_TRUE(found.ok()) << found.error().internal;
  EXPECT_FALSE(found->has_value());
}

TEST_P(StatementsConformance, QueryAllMapsEveryRowInOrder) {
  auto all = query_all(db(), kItemsFrom, {2}, item_from_row);
  ASSERT_TRUE(all.ok()) << all.error().internal;
  ASSERT_EQ(all->size(), 2U);
  EXPECT_EQ((*all)[0].name, "item2");
  EXPECT_EQ((*all)[1].name, "item3");
  auto none = query_all(db(), kItemsFrom, {9}, item_from_row);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_P(StatementsConformance, QueryErrorsAreReturnedNotThrown) {
  auto bad = query_one(db(), "SELECT id, name FROM no_such_table", {}, item_from_row);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInternal);
}

TEST_P(StatementsConformance, ChangedOneSaysWhetherExactlyOneRowChanged) {
  EXPECT_EQ(changed_one(db(), kRename, {"renamed", 1}).value(), true);
  EXPECT_EQ(changed_one(db(), kRename, {"renamed", 42}).value(), false);  // no row
  EXPECT_EQ(changed_one(db(), "UPDATE items SET name = ? WHERE id >= ?", {"many", 2}).value(),
            false);  // two rows
}

TEST_P(StatementsConformance, RunReportsEngineErrors) {
  Status duplicate = run(db(), "INSERT INTO items (id, name) VALUES (?, ?)", {1, "again"});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
}

TEST_P(StatementsConformance, TransactAsCommitsThroughTheTypedView) {
  Status status = transact_as<ItemTransaction>(db(), [](ItemTransaction& tx) -> Status {
    SP_ASSIGN_OR_RETURN(bool renamed, tx.rename(1, "inside"));
    if (!renamed) return Error::internal_error("not renamed");
    SP_ASSIGN_OR_RETURN(auto seen, tx.find(1));  // the session sees its own write
    if (!seen || seen->name != "inside") return Error::internal_error("write not visible");
    return ok_status();
  });
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(query_one(db(), kItemById, {1}, item_from_row).value()->name, "inside");
}

TEST_P(StatementsConformance, TransactAsRollsBackWithTheBodyError) {
  Status status = transact_as<ItemTransaction>(db(), [](ItemTransaction& tx) -> Status {
    SP_TRY(tx.rename(1, "doomed"));
    return Error::conflict("changed my mind");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(query_one(db(), kItemById, {1}, item_from_row).value()->name, "item1");
}

INSTANTIATE_TEST_SUITE_P(Adapters, StatementsConformance, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace sp::db
