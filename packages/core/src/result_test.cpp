#include "strangeprompt/core/result.hpp"

#include <gtest/gtest.h>

namespace sp {
namespace {

Result<int> half(int v) {
  if (v % 2) return Error::invalid("odd");
  return v / 2;
}

Result<int> quarter(int v) {
  SP_ASSIGN_OR_RETURN(int h, half(v));
  return half(h);
}

Status check_even(int v) {
  SP_TRY(half(v));
  return {};
}

TEST(Result, HoldsValueOrError) {
  EXPECT_EQ(*half(4), 2);
  EXPECT_EQ(half(3).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(half(3).value_or(-1), -1);
}

TEST(Result, AssignOrReturnPropagatesTheFirstError) {
  EXPECT_EQ(*quarter(8), 2);
  EXPECT_FALSE(quarter(6).ok());  // 6/2 = 3 is odd
  EXPECT_EQ(quarter(5).error().message, "odd");
}

TEST(Result, TryPropagatesStatus) {
  EXPECT_TRUE(check_even(2).ok());
  EXPECT_FALSE(check_even(1).ok());
}

TEST(Result, InternalErrorsKeepDetailsOutOfTheMessage) {
  Error e = Error::internal_error("SQLITE_CORRUPT at page 7");
  EXPECT_EQ(e.message, "internal error");
  EXPECT_EQ(e.internal, "SQLITE_CORRUPT at page 7");
}

}  // namespace
}  // namespace sp
