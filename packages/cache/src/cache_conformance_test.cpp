// The Cache contract, run against every adapter configuration.
#include <gtest/gtest.h>

#include <ostream>

#include <atomic>
#include <future>
#include <thread>

#include "strangeprompt/cache/cache.hpp"
#include "strangeprompt/cache/testing/redis.hpp"

namespace sp::cache {
namespace {

using namespace std::chrono_literals;

struct CacheBackend {
  std::string name;
  CacheOptions options;
  friend void PrintTo(const CacheBackend& b, std::ostream* os) { *os << b.name; }
};

std::vector<CacheBackend> backends() {
  return {
      {"memory", CacheOptions{}},
      {"memory_one_shard", CacheOptions{.backend = "memory", .max_entries = 1'000, .shards = 1}},
      {"redis", CacheOptions{.backend = "redis"}}};
}

class CacheConformance : public ::testing::TestWithParam<CacheBackend> {
 protected:
  void SetUp() override {
    CacheOptions o = GetParam().options;
    o.clock = &clock_;
    if (o.backend == "redis") {
      if (auto why = testing::redis_unavailable_reason()) GTEST_SKIP() << *why;
      o.redis.url = *testing::redis_url_for_tests();
      o.redis.key_prefix = testing::unique_key_prefix();  // tests share one server
      o.redis.command_timeout = std::chrono::seconds(5);  // 2 busy cores: no spurious timeouts
    }
    auto c = Cache::create(o);
    ASSERT_TRUE(c.ok());
    cache_ = std::move(c).value();
  }
  Cache::Loader counting_loader(std::string value) {
    return [this, value] {
      ++loads_;
      return Result<std::string>(value);
    };
  }

  ManualClock clock_;
  std::unique_ptr<Cache> cache_;
  std::atomic<int> loads_{0};
};

TEST_P(CacheConformance, MissingKeyIsAMiss) {
  EXPECT_EQ(cache_->get("absent"), std::nullopt);
}

TEST_P(CacheConformance, SetThenGetReturnsTheValue) {
  ASSERT_TRUE(cache_->set("k", "v", 1s).ok());
  EXPECT_EQ(cache_->get("k"), "v");
}

TEST_P(CacheConformance, EmptyValueIsAHit) {
  ASSERT_TRUE(cache_->set("k", "", 1s).ok());
  EXPECT_EQ(cache_->get("k"), "");
}

TEST_P(CacheConformance, SetReplacesTheValue) {
  ASSERT_TRUE(cache_->set("k", "old", 1s).ok());
  ASSERT_TRUE(cache_->set("k", "new", 1s).ok());
  EXPECT_EQ(cache_->get("k"), "new");
}

TEST_P(CacheConformance, EntryExpiresAfterItsTtl) {
  ASSERT_TRUE(cache_->set("k", "v", 100ms).ok());
  clock_.advance(99ms);
  EXPECT_EQ(cache_->get("k"), "v");
  clock_.advance(1ms);
  EXPECT_EQ(cache_->get("k"), std::nullopt);
}

TEST_P(CacheConformance, SetRestartsTheTtl) {
  ASSERT_TRUE(cache_->set("k", "v", 100ms).ok());
  clock_.advance(80ms);
  ASSERT_TRUE(cache_->set("k", "v2", 100ms).ok());
  clock_.advance(80ms);
  EXPECT_EQ(cache_->get("k"), "v2");
}

TEST_P(CacheConformance, NonPositiveTtlIsRejected) {
  for (auto ttl : {0ms, -1ms}) {
    auto s = cache_->set("k", "v", ttl);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(cache_->get("k"), std::nullopt);
}

TEST_P(CacheConformance, DelRemovesAndToleratesMissingKeys) {
  ASSERT_TRUE(cache_->set("k", "v", 1s).ok());
  EXPECT_TRUE(cache_->del("k").ok());
  EXPECT_EQ(cache_->get("k"), std::nullopt);
  EXPECT_TRUE(cache_->del("never-set").ok());
}

TEST_P(CacheConformance, GetOrLoadLoadsOnceThenHits) {
  EXPECT_EQ(cache_->get_or_load("k", 1s, counting_loader("v")).value_or(""), "v");
  EXPECT_EQ(cache_->get_or_load("k", 1s, counting_loader("other")).value_or(""), "v");
  EXPECT_EQ(loads_, 1);
  EXPECT_EQ(cache_->get("k"), "v");
}

TEST_P(CacheConformance, GetOrLoadReloadsAfterExpiry) {
  ASSERT_TRUE(cache_->get_or_load("k", 10ms, counting_loader("v1")).ok());
  clock_.advance(10ms);
  EXPECT_EQ(cache_->get_or_load("k", 10ms, counting_loader("v2")).value_or(""), "v2");
  EXPECT_EQ(loads_, 2);
}

TEST_P(CacheConformance, GetOrLoadDoesNotCacheErrors) {
  auto failing = [&] {
    ++loads_;
    return Result<std::string>(Error::unavailable("db down"));
  };
  auto r = cache_->get_or_load("k", 1s, failing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(cache_->get("k"), std::nullopt);
  EXPECT_EQ(cache_->get_or_load("k", 1s, counting_loader("v")).value_or(""), "v");
  EXPECT_EQ(loads_, 2);
}

// Runs `callers` concurrent get_or_load("k") whose loader blocks until every caller has had time
// to arrive; returns what each caller got.
std::vector<Result<std::string>> concurrent_misses(Cache& cache, int callers,
                                                   std::function<Result<std::string>()> body,
                                                   std::atomic<int>& loads) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> arrived{0};
  auto loader = [&] {
    ++loads;
    released.wait();
    return body();
  };
  std::vector<std::future<Result<std::string>>> results;
  for (int i = 0; i < callers; ++i) {
    results.push_back(std::async(std::launch::async, [&] {
      ++arrived;
      return cache.get_or_load("k", 1s, loader);
    }));
  }
  while (arrived < callers || loads == 0) std::this_thread::yield();
  std::this_thread::sleep_for(50ms);  // lets a broken single flight call the loader again
  release.set_value();
  std::vector<Result<std::string>> out;
  for (auto& f : results) out.push_back(f.get());
  return out;
}

TEST_P(CacheConformance, ConcurrentMissesShareOneLoad) {
  auto results = concurrent_misses(
      *cache_, 8, [] { return Result<std::string>("v"); }, loads_);
  EXPECT_EQ(loads_, 1);
  for (const auto& r : results) EXPECT_EQ(r.value_or("error"), "v");
}

TEST_P(CacheConformance, ConcurrentMissesShareOneError) {
  auto results = concurrent_misses(
      *cache_, 4, [] { return Result<std::string>(Error::unavailable("down")); }, loads_);
  EXPECT_EQ(loads_, 1);
  for (const auto& r : results) EXPECT_FALSE(r.ok());
}

TEST_P(CacheConformance, ASlowLoadDoesNotBlockOtherKeys) {
  std::promise<void> release;
  auto slow = std::async(std::launch::async, [&] {
    return cache_->get_or_load("slow", 1s, [&] {
      release.get_future().wait();
      return Result<std::string>("s");
    });
  });
  EXPECT_EQ(cache_->get_or_load("fast", 1s, counting_loader("f")).value_or(""), "f");
  release.set_value();
  EXPECT_EQ(slow.get().value_or(""), "s");
}

INSTANTIATE_TEST_SUITE_P(Adapters, CacheConformance, ::testing::ValuesIn(backends()),
                         [](const auto& p) { return p.param.name; });

}  // namespace
}  // namespace sp::cache
