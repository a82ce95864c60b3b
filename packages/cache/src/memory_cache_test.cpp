// Behaviour specific to the in-process adapters and the factories.
#include <gtest/gtest.h>

#include "strangeprompt/cache/cache.hpp"
#include "strangeprompt/cache/rate_limiter.hpp"

namespace sp::cache {
namespace {

using namespace std::chrono_literals;

TEST(MemoryCache, FullCacheEvictsTheLeastRecentlyUsedEntry) {
  ManualClock clock;
  auto cache = Cache::create({.max_entries = 2, .shards = 1, .clock = &clock});
  ASSERT_TRUE(cache.ok());
  Cache& c = **cache;
  ASSERT_TRUE(c.set("a", "1", 1s).ok());
  ASSERT_TRUE(c.set("b", "2", 1s).ok());
  EXPECT_EQ(c.get("a"), "1");  // b is now the least recently used
  ASSERT_TRUE(c.set("c", "3", 1s).ok());
  EXPECT_EQ(c.get("b"), std::nullopt);
  EXPECT_EQ(c.get("a"), "1");
  EXPECT_EQ(c.get("c"), "3");
}

TEST(MemoryRateLimiter, FullTableForgetsTheKeyClosestToFull) {
  ManualClock clock;
  auto limiter = RateLimiter::create({.max_keys = 2, .shards = 1, .clock = &clock});
  ASSERT_TRUE(limiter.ok());
  const Limit limit{.rate = 1, .period = 1s, .burst = 3};
  ASSERT_TRUE((*limiter)->acquire("light", limit, 1).ok());
  ASSERT_TRUE((*limiter)->acquire("heavy", limit, 3).ok());
  ASSERT_TRUE((*limiter)->acquire("new", limit, 1).ok());  // table full: "light" goes
  EXPECT_EQ((*limiter)->acquire("light", limit, 0)->remaining, 3);
  EXPECT_FALSE((*limiter)->acquire("heavy", limit, 1)->allowed);
}

TEST(Factories, RedisNeedsAWellFormedUrlAndPool) {
  CacheOptions bad_url{.backend = "redis"};
  bad_url.redis.url = "http://127.0.0.1:6379";
  EXPECT_EQ(Cache::create(bad_url).error().code, ErrorCode::kInvalidArgument);
  RateLimiterOptions no_pool{.backend = "redis"};
  no_pool.redis.pool_size = 0;
  EXPECT_EQ(RateLimiter::create(no_pool).error().code, ErrorCode::kInvalidArgument);
  // Creating does not connect: nothing listens here, yet the adapters exist.
  CacheOptions unreachable{.backend = "redis"};
  unreachable.redis.url = "redis://127.0.0.1:1/0";
  EXPECT_TRUE(Cache::create(unreachable).ok());
}

TEST(Factories, UnknownBackendsAndZeroSizesAreInvalid) {
  EXPECT_EQ(Cache::create({.backend = "memcached"}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Cache::create({.max_entries = 0}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(RateLimiter::create({.backend = "x"}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(RateLimiter::create({.shards = 0}).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sp::cache
