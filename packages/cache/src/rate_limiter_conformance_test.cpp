// The RateLimiter contract (GCRA), run against every adapter configuration.
#include <gtest/gtest.h>

#include <ostream>

#include <atomic>
#include <thread>

#include "strangeprompt/cache/rate_limiter.hpp"
#include "strangeprompt/cache/testing/redis.hpp"

namespace sp::cache {
namespace {

using namespace std::chrono_literals;

struct LimiterBackend {
  std::string name;
  RateLimiterOptions options;
  friend void PrintTo(const LimiterBackend& b, std::ostream* os) { *os << b.name; }
};

std::vector<LimiterBackend> backends() {
  return {{"memory", RateLimiterOptions{}},
          {"memory_one_shard", RateLimiterOptions{.max_keys = 1'000, .shards = 1}},
          {"redis", RateLimiterOptions{.backend = "redis"}}};
}

constexpr Limit kTenPerSecondBurstThree{.rate = 10, .period = 1s, .burst = 3};

class RateLimiterConformance : public ::testing::TestWithParam<LimiterBackend> {
 protected:
  void SetUp() override {
    RateLimiterOptions o = GetParam().options;
    o.clock = &clock_;
    if (o.backend == "redis") {
      if (auto why = testing::redis_unavailable_reason()) GTEST_SKIP() << *why;
      o.redis.url = *testing::redis_url_for_tests();
      o.redis.key_prefix = testing::unique_key_prefix();  // tests share one server
      o.redis.command_timeout = std::chrono::seconds(5);  // 2 busy cores: no spurious timeouts
      o.redis.limiter_fail_open = false;  // a Redis failure must not pass as a conformant answer
    }
    auto l = RateLimiter::create(o);
    ASSERT_TRUE(l.ok());
    limiter_ = std::move(l).value();
  }
  Decision acquire(std::string_view key, int64_t cost = 1, Limit limit = kTenPerSecondBurstThree) {
    auto d = limiter_->acquire(key, limit, cost);
    EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
    return d.value_or(Decision{});
  }

  ManualClock clock_;
  std::unique_ptr<RateLimiter> limiter_;
};

TEST_P(RateLimiterConformance, AllowsTheBurstThenDenies) {
  for (int64_t left : {2, 1, 0}) {
    Decision d = acquire("ip:1");
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.remaining, left);
    EXPECT_EQ(d.retry_after, 0ms);
  }
  Decision denied = acquire("ip:1");
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(denied.remaining, 0);
  EXPECT_EQ(denied.retry_after, 100ms);
}

TEST_P(RateLimiterConformance, RefillsOneUnitPerEmissionInterval) {
  for (int i = 0; i < 3; ++i) acquire("ip:1");
  clock_.advance(99ms);
  EXPECT_FALSE(acquire("ip:1").allowed);
  clock_.advance(1ms);
  EXPECT_TRUE(acquire("ip:1").allowed);
  EXPECT_FALSE(acquire("ip:1").allowed);
}

TEST_P(RateLimiterConformance, DeniedRequestsSpendNothing) {
  for (int i = 0; i < 3; ++i) acquire("ip:1");
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(acquire("ip:1").allowed);
  clock_.advance(100ms);
  EXPECT_TRUE(acquire("ip:1").allowed);
}

TEST_P(RateLimiterConformance, IdleKeyRefillsToTheBurstAndNoFurther) {
  for (int i = 0; i < 3; ++i) acquire("ip:1");
  clock_.advance(1h);
  EXPECT_EQ(acquire("ip:1").remaining, 2);
}

TEST_P(RateLimiterConformance, KeysAreIndependent) {
  for (int i = 0; i < 3; ++i) acquire("ip:1");
  EXPECT_FALSE(acquire("ip:1").allowed);
  EXPECT_TRUE(acquire("ip:2").allowed);
}

TEST_P(RateLimiterConformance, CostSpendsSeveralUnits) {
  const Limit limit{.rate = 10, .period = 1s, .burst = 5};
  EXPECT_EQ(acquire("u", 3, limit).remaining, 2);
  Decision denied = acquire("u", 3, limit);
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(denied.retry_after, 100ms);  // one more unit is missing
  EXPECT_EQ(denied.remaining, 2);
}

TEST_P(RateLimiterConformance, CostZeroOnlyReports) {
  acquire("u");
  Decision peek = acquire("u", 0);
  EXPECT_TRUE(peek.allowed);
  EXPECT_EQ(peek.remaining, 2);
  EXPECT_EQ(acquire("u").remaining, 1);
}

TEST_P(RateLimiterConformance, RetryAfterRoundsUpToWholeMilliseconds) {
  const Limit limit{.rate = 3, .period = 1s, .burst = 1};
  EXPECT_TRUE(acquire("u", 1, limit).allowed);
  EXPECT_EQ(acquire("u", 1, limit).retry_after, 334ms);
}

TEST_P(RateLimiterConformance, MalformedLimitsAndCostsAreRejected) {
  const std::pair<Limit, int64_t> cases[] = {
      {{.rate = 0, .period = 1s, .burst = 1}, 1},
      {{.rate = 1, .period = 0ms, .burst = 1}, 1},
      {{.rate = 1, .period = 1s, .burst = 0}, 1},
      {{.rate = 1, .period = 1s, .burst = 2}, 3},
      {{.rate = 1, .period = 1s, .burst = 2}, -1},
      {{.rate = 1, .period = 24h * 300, .burst = int64_t{1} << 40}, 1},
  };
  for (const auto& [limit, cost] : cases) {
    auto d = limiter_->acquire("u", limit, cost);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST_P(RateLimiterConformance, ConcurrentCallersNeverExceedTheBurst) {
  const Limit limit{.rate = 1, .period = 1h, .burst = 50};
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) allowed += acquire("shared", 1, limit).allowed ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(allowed, 50);
}

INSTANTIATE_TEST_SUITE_P(Adapters, RateLimiterConformance, ::testing::ValuesIn(backends()),
                         [](const auto& p) { return p.param.name; });

}  // namespace
}  // namespace sp::cache
