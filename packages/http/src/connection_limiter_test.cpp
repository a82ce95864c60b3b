#include "connection_limiter.hpp"

#include <gtest/gtest.h>

namespace sp::http {
namespace {

TEST(ConnectionLimiter, PerAddressCapLeavesOtherAddressesAlone) {
  ConnectionLimiter limiter(10, 2);
  EXPECT_TRUE(limiter.try_acquire("192.0.2.1"));
  EXPECT_TRUE(limiter.try_acquire("192.0.2.1"));
  EXPECT_FALSE(limiter.try_acquire("192.0.2.1"));
  EXPECT_TRUE(limiter.try_acquire("192.0.2.2"));
  EXPECT_EQ(limiter.total(), 3u);
  limiter.release("192.0.2.1");
  EXPECT_TRUE(limiter.try_acquire("192.0.2.1"));
  EXPECT_EQ(limiter.count_for("192.0.2.1"), 2u);
}

TEST(ConnectionLimiter, TotalCapCountsEveryAddress) {
  ConnectionLimiter limiter(2, 0);  // no per-address cap
  EXPECT_TRUE(limiter.try_acquire("a"));
  EXPECT_TRUE(limiter.try_acquire("a"));
  EXPECT_FALSE(limiter.try_acquire("b"));
  limiter.release("a");
  EXPECT_TRUE(limiter.try_acquire("b"));
}

TEST(ConnectionLimiter, ExemptPeersSkipOnlyThePerAddressCap) {
  ConnectionLimiter limiter(3, 1);
  EXPECT_TRUE(limiter.try_acquire("proxy", true));
  EXPECT_TRUE(limiter.try_acquire("proxy", true));
  EXPECT_EQ(limiter.count_for("proxy"), 0u);
  EXPECT_TRUE(limiter.try_acquire("client"));
  EXPECT_FALSE(limiter.try_acquire("proxy", true));  // the total still holds
  limiter.release("proxy", true);
  EXPECT_EQ(limiter.total(), 2u);
}

}  // namespace
}  // namespace sp::http
