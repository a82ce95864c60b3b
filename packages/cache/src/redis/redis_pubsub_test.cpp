// What only Redis has: a subscriber that outlives a Redis restart, and the failure counters in
// /metrics (errors, timeouts, reconnects per use; the limiter's decisions without Redis). Each
// test runs its own private server, so killing or pausing it touches no other test.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "redis/redis_cache.hpp"
#include "redis/redis_pubsub.hpp"
#include "redis/redis_rate_limiter.hpp"
#include "redis/redis_url.hpp"
#include "strangeprompt/cache/testing/redis.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/metrics/metrics.hpp"

namespace sp::cache::redis {
namespace {

using namespace std::chrono_literals;

// Polls `done` until it holds or 20 s pass (a generous bound for 2 busy cores).
template <typename F>
bool eventually(F done) {
  return sp::testing::eventually(done, 20s);
}

// The value of one series in the exposition text (-1 when absent).
double series(const metrics::Metrics& m, const std::string& name_and_labels) {
  const std::string text = m.render();
  const std::string needle = name_and_labels + " ";
  auto at = text.find("\n" + needle);
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + 1 + needle.size()));
}

class RedisPubSubFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = testing::redis_unavailable_reason()) GTEST_SKIP() << *why;
    server_ = std::make_unique<testing::RedisTestServer>();
    options_.url = server_->url();
    options_.key_prefix = testing::unique_key_prefix();
    options_.retry_interval = 20ms;
    options_.command_timeout = 2s;
    options_.metrics = &metrics_;
  }
  RedisEndpoint endpoint() const { return std::move(parse_redis_url(options_.url)).value(); }

  metrics::Metrics metrics_;
  std::unique_ptr<testing::RedisTestServer> server_;
  RedisOptions options_;
};

TEST_F(RedisPubSubFaults, TheSubscriberReconnectsAndResubscribesAfterARestart) {
  RedisPubSub publisher(endpoint(), options_);
  RedisPubSub subscriber(endpoint(), options_);
  std::mutex mu;
  std::vector<std::string> got;
  std::atomic<int> lives{0};
  auto sub = subscriber.subscribe(
      "live",
      [&](std::string_view m) {
        std::lock_guard lock(mu);
        got.emplace_back(m);
      },
      [&] { ++lives; });
  ASSERT_TRUE(sub->wait_live(10s));
  ASSERT_TRUE(eventually([&] { return lives.load() == 1; }));
  EXPECT_EQ(series(metrics_, R"(sp_redis_reconnects_total{use="pubsub"})"), 0);
  server_->kill();
  EXPECT_FALSE(publisher.publish("live", "lost").ok());  // nothing queued for later
  server_->start();
  // Live again without anyone asking: the subscriber's thread reconnected and resubscribed.
  ASSERT_TRUE(sub->wait_live(20s));
  ASSERT_TRUE(eventually([&] { return publisher.publish("live", "after").ok(); }));
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(mu);
    return !got.empty();
  }));
  {
    std::lock_guard lock(mu);
    EXPECT_EQ(got, std::vector<std::string>{"after"});
  }
  EXPECT_EQ(lives.load(), 2);  // live again: where a user resynchronises what it missed
  EXPECT_GE(subscriber.subscriber_counters().reconnects(), 1);
  EXPECT_GE(subscriber.subscriber_counters().errors(), 1);
  EXPECT_GE(series(metrics_, R"(sp_redis_reconnects_total{use="pubsub"})"), 1);
  EXPECT_GE(series(metrics_, R"(sp_redis_command_errors_total{use="pubsub"})"), 1);
}

TEST_F(RedisPubSubFaults, AServerThatStopsAnsweringIsFoundByPingAndLeft) {
  // CLIENT PAUSE holds every command for 1.5 s, the subscriber's PING too: a server that keeps the
  // socket open but says nothing. The subscriber gives up on the connection, and is live again
  // once the server answers.
  options_.subscriber_ping = 100ms;
  options_.command_timeout = 300ms;
  RedisPubSub subscriber(endpoint(), options_);
  std::atomic<int> lives{0};
  auto sub = subscriber.subscribe(
      "live", [](std::string_view) {}, [&] { ++lives; });
  ASSERT_TRUE(sub->wait_live(10s));
  RedisOptions pauser_options = options_;
  pauser_options.command_timeout = 5s;
  pauser_options.metrics = nullptr;
  Pool pauser(endpoint(), pauser_options, "test");
  auto paused = pauser.command({"CLIENT", "PAUSE", "1500", "ALL"});
  ASSERT_TRUE(paused.ok());
  ASSERT_FALSE(paused->is_error()) << paused->str;
  EXPECT_TRUE(eventually([&] { return subscriber.subscriber_counters().timeouts() >= 1; }));
  EXPECT_TRUE(eventually([&] { return lives.load() >= 2; }));  // subscribed again after it
  EXPECT_TRUE(sub->wait_live(10s));
  EXPECT_GE(series(metrics_, R"(sp_redis_command_timeouts_total{use="pubsub"})"), 1);
  EXPECT_GE(subscriber.subscriber_counters().reconnects(), 1);
}

TEST_F(RedisPubSubFaults, CountersMovePerUseForErrorsReconnectsAndLimiterFallbacks) {
  RedisCache cache(endpoint(), options_, nullptr);
  RedisOptions closed = options_;
  closed.limiter_fail_open = false;
  RedisRateLimiter shut(endpoint(), closed, nullptr);
  RedisRateLimiter open(endpoint(), options_, nullptr);
  const Limit limit{.rate = 1, .period = 1h, .burst = 5};
  ASSERT_TRUE(cache.set("k", "v", 1h).ok());
  ASSERT_TRUE(shut.acquire("a", limit, 1)->allowed);
  for (const char* s : {R"(sp_redis_command_errors_total{use="cache"})",
                        R"(sp_redis_command_errors_total{use="limiter"})",
                        R"(sp_redis_command_timeouts_total{use="cache"})",
                        R"(sp_redis_reconnects_total{use="cache"})",
                        R"(sp_redis_limiter_fallback_total{decision="fail_open"})",
                        R"(sp_redis_limiter_fallback_total{decision="fail_closed"})"}) {
    EXPECT_EQ(series(metrics_, s), 0) << s;  // present from the start, at zero
  }
  server_->kill();
  EXPECT_EQ(cache.get("k"), std::nullopt);
  EXPECT_FALSE(shut.acquire("a", limit, 1)->allowed);
  EXPECT_TRUE(open.acquire("a", limit, 1)->allowed);
  EXPECT_GE(series(metrics_, R"(sp_redis_command_errors_total{use="cache"})"), 1);
  EXPECT_GE(series(metrics_, R"(sp_redis_command_errors_total{use="limiter"})"), 2);
  EXPECT_EQ(series(metrics_, R"(sp_redis_limiter_fallback_total{decision="fail_closed"})"), 1);
  EXPECT_EQ(series(metrics_, R"(sp_redis_limiter_fallback_total{decision="fail_open"})"), 1);
  server_->start();
  ASSERT_TRUE(eventually([&] { return cache.set("k", "back", 1h).ok(); }));
  EXPECT_EQ(series(metrics_, R"(sp_redis_reconnects_total{use="cache"})"), 1);
}

TEST_F(RedisPubSubFaults, ACommandPastItsTimeoutIsCountedAsATimeout) {
  options_.command_timeout = 100ms;
  RedisCache cache(endpoint(), options_, nullptr);
  ASSERT_TRUE(cache.set("k", "v", 1h).ok());  // one pooled connection, known to work
  // CLIENT PAUSE holds every client's commands for 2 s: the cache's next GET times out.
  RedisOptions pauser_options = options_;
  pauser_options.command_timeout = 5s;
  pauser_options.metrics = nullptr;
  Pool pauser(endpoint(), pauser_options, "test");
  auto paused = pauser.command({"CLIENT", "PAUSE", "2000", "ALL"});
  ASSERT_TRUE(paused.ok());
  ASSERT_FALSE(paused->is_error()) << paused->str;
  EXPECT_EQ(cache.get("k"), std::nullopt);
  EXPECT_EQ(series(metrics_, R"(sp_redis_command_timeouts_total{use="cache"})"), 1);
  EXPECT_EQ(series(metrics_, R"(sp_redis_command_errors_total{use="cache"})"), 0);
}

}  // namespace
}  // namespace sp::cache::redis
