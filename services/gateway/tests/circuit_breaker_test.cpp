// CircuitBreaker on a ManualClock: opening, skipping, the half-open probe, closing.
#include "circuit_breaker.hpp"

#include <gtest/gtest.h>

namespace sp::gateway {
namespace {

using namespace std::chrono_literals;

class BreakerTest : public ::testing::Test {
 protected:
  ManualClock clock;
  CircuitBreaker breaker{BreakerOptions{.failure_threshold = 3, .open_for = 1'000ms}, clock};

  void fail(int times) {
    for (int i = 0; i < times; ++i) {
      ASSERT_TRUE(breaker.try_acquire());
      breaker.on_failure();
    }
  }
};

TEST_F(BreakerTest, StaysClosedBelowTheThresholdAndASuccessResetsTheCount) {
  fail(2);
  breaker.try_acquire();
  breaker.on_success();
  fail(2);
  EXPECT_EQ(breaker.state(), BreakerState::kClosed);
  EXPECT_TRUE(breaker.try_acquire());
  EXPECT_EQ(breaker.retry_after(), 0ms);
}

TEST_F(BreakerTest, ConsecutiveFailuresOpenItAndItRefusesUntilTheCoolDown) {
  fail(3);
  EXPECT_EQ(breaker.state(), BreakerState::kOpen);
  EXPECT_FALSE(breaker.try_acquire());
  EXPECT_EQ(breaker.retry_after(), 1'000ms);
  clock.advance(400ms);
  EXPECT_FALSE(breaker.try_acquire());
  EXPECT_EQ(breaker.retry_after(), 600ms);
  clock.advance(599ms);
  EXPECT_FALSE(breaker.try_acquire());
  EXPECT_EQ(breaker.retry_after(), 1ms);
}

TEST_F(BreakerTest, AfterTheCoolDownOneProbeGoesAndASuccessCloses) {
  fail(3);
  clock.advance(1'000ms);
  EXPECT_TRUE(breaker.try_acquire());  // the probe
  EXPECT_EQ(breaker.state(), BreakerState::kHalfOpen);
  EXPECT_FALSE(breaker.try_acquire());  // only one probe at a time
  breaker.on_success();
  EXPECT_EQ(breaker.state(), BreakerState::kClosed);
  EXPECT_TRUE(breaker.try_acquire());
  EXPECT_TRUE(breaker.try_acquire());
}

TEST_F(BreakerTest, AFailedProbeOpensItForAnotherCoolDown) {
  fail(3);
  clock.advance(1'500ms);
  ASSERT_TRUE(breaker.try_acquire());
  breaker.on_failure();
  EXPECT_EQ(breaker.state(), BreakerState::kOpen);
  EXPECT_FALSE(breaker.try_acquire());
  EXPECT_EQ(breaker.retry_after(), 1'000ms);  // counted from the failed probe
  clock.advance(1'000ms);
  EXPECT_TRUE(breaker.try_acquire());
}

TEST_F(BreakerTest, ALateFailureOfARequestSentBeforeItOpenedDoesNotExtendTheCoolDown) {
  fail(3);
  clock.advance(500ms);
  breaker.on_failure();  // sent while closed, failed after the breaker opened
  EXPECT_EQ(breaker.retry_after(), 500ms);
}

TEST(BreakerNames, StatesHaveMetricNames) {
  EXPECT_EQ(to_string(BreakerState::kClosed), "closed");
  EXPECT_EQ(to_string(BreakerState::kOpen), "open");
  EXPECT_EQ(to_string(BreakerState::kHalfOpen), "half_open");
}

}  // namespace
}  // namespace sp::gateway
