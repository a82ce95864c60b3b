// JsonWriter and JsonObject: exact text for every kind of value, nesting and commas.
#include "strangeprompt/core/json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "strangeprompt/core/clock.hpp"

namespace sp {
namespace {

TEST(JsonWriter, WritesNestedObjectsAndArraysWithCommas) {
  JsonWriter w;
  w.begin_object()
      .key("a")
      .integer(1)
      .key("b")
      .begin_array()
      .integer(2)
      .begin_object()
      .key("c")
      .boolean(true)
      .end_object()
      .begin_array()
      .end_array()
      .end_array()
      .key("d")
      .begin_object()
      .end_object()
      .key("e")
      .null()
      .end_object();
  EXPECT_EQ(w.text(), R"({"a":1,"b":[2,{"c":true},[]],"d":{},"e":null})");
}

struct NumberCase {
  double value;
  const char* text;
};

TEST(JsonWriter, WritesDoublesShortestAndNonFiniteAsNull) {
  const NumberCase cases[] = {
      {0.5, "0.5"},
      {-2.0, "-2"},
      {0.1, "0.1"},
      {1e300, "1e+300"},
      {std::numeric_limits<double>::quiet_NaN(), "null"},
      {std::numeric_limits<double>::infinity(), "null"},
      {-std::numeric_limits<double>::infinity(), "null"},
  };
  for (const NumberCase& c : cases) {
    JsonWriter w;
    w.begin_array().number(c.value).end_array();
    EXPECT_EQ(w.text(), "[" + std::string(c.text) + "]") << c.text;
  }
}

TEST(JsonWriter, WritesIntegerExtremesExactly) {
  JsonWriter w;
  w.begin_array()
      .integer(std::numeric_limits<int64_t>::min())
      .integer(std::numeric_limits<int64_t>::max())
      .integer(0)
      .end_array();
  EXPECT_EQ(w.text(), "[-9223372036854775808,9223372036854775807,0]");
}

TEST(JsonWriter, WritesIdsAsStringsAndTimesAsRfc3339) {
  JsonWriter w;
  w.begin_object()
      .key("id")
      .id(9223372036854775807)
      .key("at")
      .time(int64_t{1'750'000'000'123})
      .key("never")
      .time(std::optional<int64_t>())
      .end_object();
  EXPECT_EQ(w.text(),
            R"({"id":"9223372036854775807","at":"2025-06-15T15:06:40.123Z","never":null})");
}

// The writer formats times itself; it must agree with format_rfc3339_ms everywhere.
TEST(JsonWriter, TimesMatchTheClockFormatter) {
  const int64_t samples[] = {0,
                             -1,
                             999,
                             -86'400'000 - 1,
                             951'782'400'000 /* 2000-02-29 */,
                             4'102'444'799'999,
                             253'402'300'799'999 /* 9999-12-31 */,
                             -62'167'219'200'000 /* 0000 */,
                             253'402'300'800'000 /* 10000 */};
  for (int64_t ms : samples) {
    JsonWriter w;
    w.time(ms);
    EXPECT_EQ(w.text(), "\"" + format_rfc3339_ms(ms) + "\"") << ms;
  }
  for (int64_t ms = -5'000'000'000'000; ms < 5'000'000'000'000; ms += 7'777'777'777) {
    JsonWriter w;
    w.time(ms);
    ASSERT_EQ(w.text(), "\"" + format_rfc3339_ms(ms) + "\"") << ms;
  }
}

TEST(JsonWriter, EscapesStringsAndKeys) {
  JsonWriter w;
  w.begin_object().key("q\"k").string("a\\b\n\x01").end_object();
  EXPECT_EQ(w.text(), R"({"q\"k":"a\\b\n\u0001"})");
}

TEST(JsonWriter, ContinuesAGivenBuffer) {
  std::string buffer;
  buffer.reserve(64);
  JsonWriter w(std::move(buffer));
  w.begin_array().strings({"x", "y"}).raw(R"({"r":1})").end_array();
  EXPECT_EQ(std::move(w).take(), R"([["x","y"],{"r":1}])");
}

TEST(JsonObject, BuildsAFlatObjectMemberByMember) {
  const std::string text = JsonObject()
                               .string("name", "ada")
                               .boolean("ok", false)
                               .integer("n", -3)
                               .number("score", 2.25)
                               .id("id", 42)
                               .null("gone")
                               .strings("tags", {"a"})
                               .time("at", std::nullopt)
                               .raw("user", R"({"x":1})")
                               .str();
  EXPECT_EQ(text, R"({"name":"ada","ok":false,"n":-3,"score":2.25,"id":"42","gone":null,)"
                  R"("tags":["a"],"at":null,"user":{"x":1}})");
  EXPECT_EQ(JsonObject().str(), "{}");
  EXPECT_EQ(std::move(JsonObject().integer("a", 1)).take(), R"({"a":1})");
}

TEST(ItemList, WritesItemsAndNextCursorOrNull) {
  EXPECT_EQ(item_list({}), R"({"items":[],"next":null})");
  EXPECT_EQ(item_list({R"({"a":1})", "2"}, std::string("abc")),
            R"({"items":[{"a":1},2],"next":"abc"})");
}

}  // namespace
}  // namespace sp
