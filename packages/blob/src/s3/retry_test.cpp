#include "retry.hpp"

#include <gtest/gtest.h>

namespace sp::blob::s3 {
namespace {

using std::chrono::milliseconds;

TEST(S3Retry, ServerErrorsThrottlingAndTransportFailuresAreRetried) {
  EXPECT_TRUE(should_retry(true, 0, ""));
  EXPECT_TRUE(should_retry(false, 500, "InternalError"));
  EXPECT_TRUE(should_retry(false, 503, "SlowDown"));
  EXPECT_TRUE(should_retry(false, 429, ""));
  EXPECT_TRUE(should_retry(false, 400, "RequestTimeout"));
}

TEST(S3Retry, ClientErrorsAreNot) {
  EXPECT_FALSE(should_retry(false, 403, "SignatureDoesNotMatch"));
  EXPECT_FALSE(should_retry(false, 404, "NoSuchKey"));
  EXPECT_FALSE(should_retry(false, 400, "InvalidArgument"));
  EXPECT_FALSE(should_retry(false, 200, ""));
}

TEST(S3Retry, BackoffIsJitteredBelowAGrowingCappedCeiling) {
  std::mt19937_64 random(42);
  for (int retry = 0; retry < 8; ++retry) {
    const int64_t ceiling = std::min<int64_t>(1'000, 50 * (int64_t{1} << retry));
    int64_t lo = ceiling, hi = 0;
    for (int i = 0; i < 200; ++i) {
      const auto d = backoff(retry, milliseconds(50), milliseconds(1'000), random).count();
      ASSERT_GE(d, 0);
      ASSERT_LE(d, ceiling);
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
    EXPECT_LT(lo, hi) << "no jitter at retry " << retry;
    if (retry >= 2) {
      EXPECT_GT(hi, 50) << "no growth at retry " << retry;
    }
  }
}

}  // namespace
}  // namespace sp::blob::s3
