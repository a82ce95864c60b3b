#include "encoding.hpp"

#include <gtest/gtest.h>

namespace sp::gateway {
namespace {

TEST(Encoding, PrefersBrotliThenGzip) {
  EXPECT_EQ(choose_coding("gzip, deflate, br", true, true), Coding::kBrotli);
  EXPECT_EQ(choose_coding("gzip, deflate", true, true), Coding::kGzip);
  EXPECT_EQ(choose_coding("gzip, br", false, true), Coding::kGzip);
  EXPECT_EQ(choose_coding("br", false, true), Coding::kIdentity);
}

TEST(Encoding, AbsentHeaderIsIdentity) {
  EXPECT_EQ(choose_coding("", true, true), Coding::kIdentity);
  EXPECT_EQ(choose_coding("identity", true, true), Coding::kIdentity);
}

TEST(Encoding, QualityValuesCount) {
  EXPECT_EQ(choose_coding("br;q=0, gzip", true, true), Coding::kGzip);
  EXPECT_EQ(choose_coding("br;q=0.5, gzip;q=0.8", true, true), Coding::kGzip);
  EXPECT_EQ(choose_coding("br;q=1.0, gzip;q=0.8", true, true), Coding::kBrotli);
  EXPECT_EQ(choose_coding("gzip;q=0", true, true), Coding::kIdentity);
  EXPECT_EQ(choose_coding("*", true, true), Coding::kBrotli);
  EXPECT_EQ(choose_coding("*;q=0, gzip", true, true), Coding::kGzip);
  EXPECT_EQ(choose_coding("BR , GZIP", true, true), Coding::kBrotli);
  EXPECT_EQ(choose_coding("br;q=bogus, gzip", true, true), Coding::kGzip);
}

}  // namespace
}  // namespace sp::gateway
