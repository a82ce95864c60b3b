// Behaviour only the Redis adapters have: state shared by replicas (two adapter instances on one
// server), single flight across them, and what happens when Redis dies and comes back. Tests that
// kill Redis use a private server; the shared fixture server is never stopped.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "redis/redis_cache.hpp"
#include "redis/redis_rate_limiter.hpp"
#include "redis/redis_url.hpp"
#include "strangeprompt/cache/testing/redis.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"

namespace sp::cache::redis {
namespace {

using namespace std::chrono_literals;

// Polls `done` until it holds or 20 s pass (a generous bound for 2 busy cores).
template <typename F>
bool eventually(F done) {
  return sp::testing::eventually(done, 20s);
}

class RedisAdapters : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = testing::redis_unavailable_reason()) GTEST_SKIP() << *why;
    options_.url = *testing::redis_url_for_tests();
    options_.key_prefix = testing::unique_key_prefix();
    options_.command_timeout = 5s;
  }
  RedisEndpoint endpoint() const { return std::move(parse_redis_url(options_.url)).value(); }

  RedisOptions options_;
};

TEST_F(RedisAdapters, TwoReplicasSpendFromOneLimit) {
  // The system clock: both replicas read the Redis server's TIME.
  RedisRateLimiter a(endpoint(), options_, nullptr);
  RedisRateLimiter b(endpoint(), options_, nullptr);
  const Limit limit{.rate = 1, .period = 1h, .burst = 4};
  EXPECT_EQ(a.acquire("ip:9", limit, 1)->remaining, 3);
  EXPECT_EQ(b.acquire("ip:9", limit, 1)->remaining, 2);
  EXPECT_EQ(a.acquire("ip:9", limit, 2)->remaining, 0);
  Decision denied = b.acquire("ip:9", limit, 1).value();
  EXPECT_FALSE(denied.allowed);
  EXPECT_GT(denied.retry_after, 59min);  // one unit per hour: nearly an hour to wait
  EXPECT_FALSE(a.acquire("ip:9", limit, 1)->allowed);
  EXPECT_EQ(a.failures() + b.failures(), 0);
}

TEST_F(RedisAdapters, SingleFlightAcrossReplicasLoadsOnce) {
  options_.lock_wait = 20s;  // the follower must wait for the leader, however slow the machine
  RedisCache leader(endpoint(), options_, nullptr);
  RedisCache follower(endpoint(), options_, nullptr);
  std::atomic<int> loads{0};
  std::promise<void> release;
  std::promise<void> loading;
  auto first = std::async(std::launch::async, [&] {
    return leader.get_or_load("post:1", 10s, [&] {
      ++loads;
      loading.set_value();
      release.get_future().wait();
      return Result<std::string>("from-leader");
    });
  });
  loading.get_future().wait();  // the leader holds the lock now
  auto second = std::async(std::launch::async, [&] {
    return follower.get_or_load("post:1", 10s, [&] {
      ++loads;
      return Result<std::string>("from-follower");
    });
  });
  ASSERT_TRUE(eventually([&] { return follower.lock_waits() == 1; }));
  release.set_value();
  EXPECT_EQ(first.get().value_or(""), "from-leader");
  EXPECT_EQ(second.get().value_or(""), "from-leader");
  EXPECT_EQ(loads, 1);
  EXPECT_EQ(follower.get("post:1"), "from-leader");
}

TEST_F(RedisAdapters, AFailedLoadLetsTheWaitingReplicaLoad) {
  options_.lock_wait = 20s;
  RedisCache leader(endpoint(), options_, nullptr);
  RedisCache follower(endpoint(), options_, nullptr);
  std::promise<void> release;
  std::promise<void> loading;
  auto first = std::async(std::launch::async, [&] {
    return leader.get_or_load("post:2", 10s, [&] {
      loading.set_value();
      release.get_future().wait();
      return Result<std::string>(Error::unavailable("db down"));
    });
  });
  loading.get_future().wait();
  auto second = std::async(std::launch::async, [&] {
    return follower.get_or_load("post:2", 10s, [] { return Result<std::string>("own"); });
  });
  ASSERT_TRUE(eventually([&] { return follower.lock_waits() == 1; }));
  release.set_value();
  EXPECT_FALSE(first.get().ok());
  EXPECT_EQ(second.get().value_or(""), "own");  // well before lock_wait: the lock was released
}

TEST_F(RedisAdapters, ServerClockExpiresEntries) {
  RedisCache cache(endpoint(), options_, nullptr);
  ASSERT_TRUE(cache.set("short", "v", 30ms).ok());
  ASSERT_TRUE(cache.set("long", "v", 1h).ok());
  EXPECT_TRUE(eventually([&] { return cache.get("short") == std::nullopt; }));
  EXPECT_EQ(cache.get("long"), "v");
}

class RedisFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = testing::redis_unavailable_reason()) GTEST_SKIP() << *why;
    server_ = std::make_unique<testing::RedisTestServer>();
    options_.url = server_->url();
    options_.retry_interval = 20ms;
    options_.command_timeout = 2s;
  }
  RedisEndpoint endpoint() const { return std::move(parse_redis_url(options_.url)).value(); }

  std::unique_ptr<testing::RedisTestServer> server_;
  RedisOptions options_;
};

TEST_F(RedisFaults, CacheFallsThroughToTheLoaderWhenRedisDies) {
  RedisCache cache(endpoint(), options_, nullptr);
  ASSERT_TRUE(cache.set("k", "cached", 1h).ok());
  ASSERT_EQ(cache.get("k"), "cached");
  server_->kill();
  EXPECT_EQ(cache.get("k"), std::nullopt);  // a failure reads as a miss
  int loads = 0;
  auto loaded = cache.get_or_load("k", 1h, [&] {
    ++loads;
    return Result<std::string>("from-store");
  });
  EXPECT_EQ(loaded.value_or(""), "from-store");  // the request still succeeds
  EXPECT_EQ(loads, 1);
  auto stored = cache.set("k", "v", 1h);
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(cache.ping().error().code, ErrorCode::kUnavailable);
  EXPECT_GT(cache.failures(), 0);
}

TEST_F(RedisFaults, LimiterFailsOpenOrClosedAsConfigured) {
  RedisOptions open = options_;
  open.limiter_fail_open = true;
  RedisOptions closed = options_;
  closed.limiter_fail_open = false;
  RedisRateLimiter opened(endpoint(), open, nullptr);
  RedisRateLimiter shut(endpoint(), closed, nullptr);
  const Limit limit{.rate = 1, .period = 1h, .burst = 1};
  ASSERT_TRUE(opened.acquire("a", limit, 1)->allowed);
  ASSERT_FALSE(opened.acquire("a", limit, 1)->allowed);  // really limited while Redis is up
  ASSERT_TRUE(shut.acquire("b", limit, 1)->allowed);
  server_->kill();
  EXPECT_TRUE(opened.acquire("a", limit, 1)->allowed);
  Decision denied = shut.acquire("c", limit, 1).value();
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(denied.retry_after, options_.retry_interval);
  EXPECT_GT(opened.failures(), 0);
  EXPECT_GT(shut.failures(), 0);
}

TEST_F(RedisFaults, AdaptersReconnectAfterRedisRestarts) {
  RedisCache cache(endpoint(), options_, nullptr);
  RedisOptions closed = options_;
  closed.limiter_fail_open = false;  // so an allowed answer can only come from Redis
  RedisRateLimiter limiter(endpoint(), closed, nullptr);
  const Limit limit{.rate = 1, .period = 1h, .burst = 1};
  ASSERT_TRUE(cache.set("k", "before", 1h).ok());
  ASSERT_TRUE(limiter.acquire("x", limit, 1)->allowed);  // pooled connections and a loaded script
  server_->kill();
  ASSERT_FALSE(cache.ping().ok());
  ASSERT_FALSE(limiter.acquire("y", limit, 1)->allowed);
  server_->start();  // same port, empty (no persistence), script cache flushed
  EXPECT_TRUE(eventually([&] { return cache.set("k", "after", 1h).ok(); }));
  EXPECT_EQ(cache.get("k"), "after");
  EXPECT_TRUE(cache.ping().ok());
  // EVALSHA meets NOSCRIPT on the new server and falls back to EVAL.
  EXPECT_TRUE(eventually([&] { return limiter.acquire("y", limit, 1)->allowed; }));
  EXPECT_FALSE(limiter.acquire("y", limit, 1)->allowed);
}

}  // namespace
}  // namespace sp::cache::redis
