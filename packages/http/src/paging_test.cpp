// Cursor paging: limits, signed cursors that only open for their own list and key, round trips.
#include "strangeprompt/http/paging.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "strangeprompt/core/strings.hpp"
#include "strangeprompt/security/encoding.hpp"

namespace sp::http {
namespace {

const std::string kKey = "0123456789abcdef0123456789abcdef";

Request list_request(std::string query) {
  Request r;
  r.path = "/v1/gallery/feed";
  r.query = std::move(query);
  return r;
}

std::vector<std::string> error_fields(const Result<PageRequest>& page) {
  std::vector<std::string> fields;
  if (page.ok()) return fields;
  EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
  for (const FieldError& e : page.error().fields) fields.push_back(e.field);
  return fields;
}

TEST(Pager, DefaultsToTwentyFromTheStart) {
  auto page = Pager(kKey).read(list_request(""), "feed");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->limit, 20u);
  EXPECT_TRUE(page->after.empty());
}

struct LimitCase {
  const char* name;
  const char* query;
  std::size_t limit;  // 0: rejected
};

class Limits : public ::testing::TestWithParam<LimitCase> {};

TEST_P(Limits, AcceptOneToAHundred) {
  auto page = Pager(kKey).read(list_request(GetParam().query), "feed");
  if (GetParam().limit == 0) {
    EXPECT_EQ(error_fields(page), std::vector<std::string>{"limit"});
  } else {
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->limit, GetParam().limit);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, Limits,
    ::testing::Values(LimitCase{"One", "limit=1", 1}, LimitCase{"Max", "limit=100", 100},
                      LimitCase{"AboveMax", "limit=101", 0}, LimitCase{"Zero", "limit=0", 0},
                      LimitCase{"Negative", "limit=-5", 0}, LimitCase{"Junk", "limit=ten", 0},
                      LimitCase{"Trailing", "limit=10x", 0}, LimitCase{"Empty", "limit=", 0},
                      LimitCase{"Huge", "limit=99999999999999999999", 0}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(Pager, CursorRoundTripsTypedKeys) {
  Pager pager(kKey);
  const std::vector<CursorKey> keys{int64_t{-42}, 0.1, std::string("a.b/ü"), int64_t{7}};
  const std::string cursor = pager.cursor("feed", keys);
  auto page = pager.read(list_request("limit=5&cursor=" + url_encode(cursor)), "feed");
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->limit, 5u);
  EXPECT_EQ(page->after, keys);
}

TEST(Pager, EmptyCursorIsTheFirstPage) {
  auto page = Pager(kKey).read(list_request("cursor="), "feed");
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->after.empty());
}

// Cursors that must be refused: each is a 400 naming `cursor`, never another page.
TEST(Pager, RefusesForgedTamperedTruncatedAndForeignCursors) {
  Pager pager(kKey);
  const std::string good = pager.cursor("feed", {int64_t{1700000000000}, int64_t{12345}});
  std::string raw = *security::base64url_decode(good);
  std::string tampered = raw;
  tampered.back() = tampered.back() == '1' ? '2' : '1';  // edit the id, keep the tag
  std::string tag_flipped = raw;
  tag_flipped[0] = static_cast<char>(tag_flipped[0] ^ 1);
  const std::vector<std::pair<std::string, std::string>> cases{
      {"tampered keys", security::base64url_encode(tampered)},
      {"tampered tag", security::base64url_encode(tag_flipped)},
      {"truncated", good.substr(0, good.size() - 3)},
      {"too short", good.substr(0, 10)},
      {"not base64url", "!!!!"},
      {"unsigned", security::base64url_encode(std::string(16, '\0') + "i1.i2")},
      {"other list", pager.cursor("feed.following", {int64_t{1700000000000}, int64_t{12345}})},
      {"other key",
       Pager("fedcba9876543210fedcba9876543210").cursor("feed", {int64_t{1}, int64_t{2}})},
      {"oversized", std::string(2000, 'A')},
  };
  for (const auto& [name, cursor] : cases) {
    auto page = pager.read(list_request("cursor=" + url_encode(cursor)), "feed");
    EXPECT_EQ(error_fields(page), std::vector<std::string>{"cursor"}) << name;
  }
}

// A cursor of the right list whose keys no longer fit the list's shape (e.g. minted before a
// release changed the sort keys) is refused instead of reaching std::get.
TEST(Pager, RefusesCursorsOfAnotherShape) {
  Pager pager(kKey);
  const std::string two_ints = pager.cursor("feed", {int64_t{1}, int64_t{2}});
  const std::string score_and_id = pager.cursor("feed", {0.5, int64_t{2}});
  const auto read = [&](const std::string& cursor) {
    return pager.read(list_request("cursor=" + url_encode(cursor)), "feed",
                      {CursorKind::kInt, CursorKind::kInt});
  };
  EXPECT_TRUE(read(two_ints).ok());
  EXPECT_EQ(error_fields(read(score_and_id)), std::vector<std::string>{"cursor"});
  EXPECT_EQ(error_fields(read(pager.cursor("feed", {int64_t{1}}))),
            std::vector<std::string>{"cursor"});
}

TEST(Pager, ReportsLimitAndCursorTogether) {
  auto page = Pager(kKey).read(list_request("limit=0&cursor=zzz"), "feed");
  EXPECT_EQ(error_fields(page), (std::vector<std::string>{"limit", "cursor"}));
}

TEST(Pager, RandomKeysDoNotOpenEachOthersCursors) {
  Pager a = Pager::with_random_key();
  Pager b = Pager::with_random_key();
  EXPECT_TRUE(a.open("feed", a.cursor("feed", {int64_t{1}})).has_value());
  EXPECT_FALSE(b.open("feed", a.cursor("feed", {int64_t{1}})).has_value());
}

TEST(Pager, RefusesShortKeys) {
  EXPECT_THROW(Pager("short"), std::invalid_argument);
  EXPECT_NO_THROW(Pager::from_secret(std::nullopt));
}

struct Row {
  int64_t created_at;
  int64_t id;
};

TEST(Pager, PageShowsLimitRowsAndPointsPastTheLastOne) {
  Pager pager(kKey);
  const PageRequest request{.limit = 2, .after = {}};
  const std::vector<Row> rows{{30, 3}, {20, 2}, {10, 1}};  // fetched with LIMIT limit + 1
  auto render = [](const Row& r) { return std::to_string(r.id); };
  auto keys = [](const Row& r) { return std::vector<CursorKey>{r.created_at, r.id}; };
  const std::string body = pager.page("feed", request, rows, render, keys);
  const std::string next = pager.cursor("feed", {int64_t{20}, int64_t{2}});
  EXPECT_EQ(body, R"({"items":[3,2],"next":")" + next + R"("})");
  EXPECT_EQ(pager.page("feed", request, std::vector<Row>{{10, 1}}, render, keys),
            R"({"items":[1],"next":null})");
}

}  // namespace
}  // namespace sp::http
