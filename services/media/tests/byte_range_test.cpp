// Range header answers, table-driven (RFC 9110 §14).
#include <gtest/gtest.h>

#include "logic/byte_range.hpp"

namespace sp::media {
namespace {

struct Case {
  std::string_view header;
  RangeVerdict verdict;
  uint64_t first = 0;
  uint64_t last = 0;
};

TEST(ByteRange, AnswersForA1000ByteObject) {
  const Case cases[] = {
      {"", RangeVerdict::kWhole},
      {"bytes=0-99", RangeVerdict::kPartial, 0, 99},
      {"bytes=500-", RangeVerdict::kPartial, 500, 999},
      {"bytes=-100", RangeVerdict::kPartial, 900, 999},
      {"bytes=-5000", RangeVerdict::kPartial, 0, 999},
      {"bytes=990-5000", RangeVerdict::kPartial, 990, 999},
      {"bytes=1000-", RangeVerdict::kUnsatisfiable},
      {"bytes=-0", RangeVerdict::kUnsatisfiable},
      {"bytes=5-2", RangeVerdict::kWhole},  // invalid: ignored
      {"bytes=0-1,5-6", RangeVerdict::kWhole},
      {"items=0-1", RangeVerdict::kWhole},
      {"bytes=x-1", RangeVerdict::kWhole},
      {"bytes=99999999999999999999-", RangeVerdict::kWhole},
  };
  for (const Case& c : cases) {
    RangeAnswer a = resolve_range(c.header, 1000);
    EXPECT_EQ(a.verdict, c.verdict) << c.header;
    if (c.verdict == RangeVerdict::kPartial) {
      EXPECT_EQ(a.range.first, c.first) << c.header;
      EXPECT_EQ(a.range.last, c.last) << c.header;
    }
  }
}

}  // namespace
}  // namespace sp::media
