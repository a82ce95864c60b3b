#include "strangeprompt/db/value.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace sp::db {
namespace {

TEST(Value, DefaultAndNullptrAreNull) {
  EXPECT_TRUE(Value().is_null());
  EXPECT_TRUE(Value(nullptr).is_null());
  EXPECT_TRUE(Value(std::optional<int>()).is_null());
  EXPECT_FALSE(Value(std::optional<int>(0)).is_null());
}

TEST(Value, BoolIsStoredAsInteger) {
  EXPECT_EQ(std::get<int64_t>(Value(true).storage()), 1);
  EXPECT_EQ(std::get<int64_t>(Value(false).storage()), 0);
}

struct IntCase {
  Value value;
  int64_t expected;
};

TEST(Value, AsIntIsLenient) {
  const IntCase cases[] = {
      {Value(), 0},
      {Value(int64_t{-42}), -42},
      {Value(std::numeric_limits<int64_t>::max()), std::numeric_limits<int64_t>::max()},
      {Value(12.9), 12},
      {Value(-12.9), -12},
      {Value(1e300), std::numeric_limits<int64_t>::max()},
      {Value("123"), 123},
      {Value("-7"), -7},
      {Value("12.5"), 12},
      {Value("1e3"), 1000},
      {Value("abc"), 0},
      {Value(""), 0},
      {Value(Bytes{'1'}), 0},
  };
  for (const auto& c : cases) EXPECT_EQ(c.value.as_int(), c.expected) << c.value.as_text();
}

struct DoubleCase {
  Value value;
  double expected;
};

TEST(Value, AsDoubleIsLenient) {
  const DoubleCase cases[] = {
      {Value(), 0.0},        {Value(3), 3.0},          {Value(2.5), 2.5},
      {Value("2.25"), 2.25}, {Value("-1e-3"), -0.001}, {Value("x"), 0.0},
  };
  for (const auto& c : cases)
    EXPECT_DOUBLE_EQ(c.value.as_double(), c.expected) << c.value.as_text();
}

struct TextCase {
  Value value;
  std::string expected;
};

TEST(Value, AsTextRendersEveryType) {
  const TextCase cases[] = {
      {Value(), ""},
      {Value(int64_t{-9}), "-9"},
      {Value(0.1), "0.1"},
      {Value(1e21), "1e+21"},
      {Value("héllo"), "héllo"},
      {Value(std::string_view("view")), "view"},
      {Value(Bytes{'a', 'b'}), "ab"},
  };
  for (const auto& c : cases) EXPECT_EQ(c.value.as_text(), c.expected);
}

TEST(Value, AsBytesReturnsBlobOrTextBytes) {
  EXPECT_EQ(Value(Bytes{0, 255}).as_bytes(), (Bytes{0, 255}));
  EXPECT_EQ(Value("ab").as_bytes(), (Bytes{'a', 'b'}));
  EXPECT_TRUE(Value().as_bytes().empty());
}

TEST(Row, OptionalReadersMapNullToNullopt) {
  Row row({Value(), Value(5), Value("x")});
  EXPECT_EQ(row.opt_int(0), std::nullopt);
  EXPECT_EQ(row.opt_int(1), 5);
  EXPECT_EQ(row.opt_text(2), "x");
  EXPECT_TRUE(row.is_null(0));
}

}  // namespace
}  // namespace sp::db
