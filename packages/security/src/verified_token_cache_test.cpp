#include "verified_token_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace sp::security::detail {
namespace {

std::shared_ptr<const CachedVerification> entry(std::string sub, int64_t exp) {
  auto e = std::make_shared<CachedVerification>();
  e->token.sub = std::move(sub);
  e->token.exp = exp;
  return e;
}

TokenDigest digest(const std::string& token) {
  return token_digest(token);
}

TEST(VerifiedTokenCache, KeysAreTheSha256OfTheWholeToken) {
  const TokenDigest d = token_digest("abc");  // FIPS 180-2 test vector
  EXPECT_EQ(d[0], 0xba);
  EXPECT_EQ(d[1], 0x78);
  EXPECT_EQ(d[31], 0xad);
  EXPECT_NE(token_digest("a.b.c"), token_digest("a.b.d"));
}

TEST(VerifiedTokenCache, FindsWhatWasInserted) {
  VerifiedTokenCache cache(10);
  cache.insert(digest("t1"), entry("alice", 100), 0);
  const auto found = cache.find(digest("t1"), 0);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->token.sub, "alice");
  EXPECT_EQ(cache.find(digest("t2"), 0), nullptr);
  const VerifierCacheStats stats = cache.stats();
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
}

TEST(VerifiedTokenCache, AnEntryDiesAtItsTokensExp) {
  VerifiedTokenCache cache(10);
  cache.insert(digest("t"), entry("alice", 100), 0);
  EXPECT_NE(cache.find(digest("t"), 99), nullptr);
  EXPECT_EQ(cache.find(digest("t"), 100), nullptr);
  EXPECT_EQ(cache.stats().entries, 0u);  // dropped, not just hidden
}

TEST(VerifiedTokenCache, AnExpiredTokenIsNotStored) {
  VerifiedTokenCache cache(10);
  cache.insert(digest("t"), entry("alice", 100), 100);
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(VerifiedTokenCache, ReinsertingReplacesTheEntry) {
  VerifiedTokenCache cache(10);
  cache.insert(digest("t"), entry("before", 100), 0);
  cache.insert(digest("t"), entry("after", 100), 0);
  EXPECT_EQ(cache.stats().entries, 1u);
  EXPECT_EQ(cache.find(digest("t"), 0)->token.sub, "after");
}

TEST(VerifiedTokenCache, ZeroCapacityKeepsNothing) {
  VerifiedTokenCache cache(0);
  cache.insert(digest("t"), entry("alice", 100), 0);
  EXPECT_EQ(cache.find(digest("t"), 0), nullptr);
  EXPECT_EQ(cache.stats().entries, 0u);
}

struct CapacityCase {
  std::size_t capacity;
  std::size_t shards;
};

TEST(VerifiedTokenCache, FillsToCapacityAndNoFurther) {
  const CapacityCase cases[] = {{1, 16}, {5, 16}, {16, 16}, {17, 16}, {100, 16}, {10, 1}};
  for (const auto& c : cases) {
    VerifiedTokenCache cache(c.capacity, c.shards);
    for (std::size_t i = 0; i < 50 * c.capacity; ++i) {
      cache.insert(digest("token-" + std::to_string(i)), entry("u", 100), 0);
      ASSERT_LE(cache.stats().entries, c.capacity) << c.capacity << "/" << c.shards;
    }
    EXPECT_EQ(cache.stats().entries, c.capacity) << c.capacity << "/" << c.shards;
  }
}

TEST(VerifiedTokenCache, AnEntryFoundSinceTheHandLastPassedSurvivesEviction) {
  VerifiedTokenCache cache(2, 1);
  cache.insert(digest("a"), entry("a", 100), 0);
  cache.insert(digest("b"), entry("b", 100), 0);
  ASSERT_NE(cache.find(digest("a"), 0), nullptr);
  cache.insert(digest("c"), entry("c", 100), 0);
  EXPECT_NE(cache.find(digest("a"), 0), nullptr);
  EXPECT_EQ(cache.find(digest("b"), 0), nullptr);
  EXPECT_NE(cache.find(digest("c"), 0), nullptr);
}

TEST(VerifiedTokenCache, AnExpiredEntryIsEvictedEvenIfRecentlyFound) {
  VerifiedTokenCache cache(2, 1);
  cache.insert(digest("short"), entry("short", 100), 0);
  cache.insert(digest("long"), entry("long", 1000), 0);
  ASSERT_NE(cache.find(digest("short"), 50), nullptr);
  cache.insert(digest("new"), entry("new", 1000), 150);
  EXPECT_NE(cache.find(digest("long"), 150), nullptr);
  EXPECT_NE(cache.find(digest("new"), 150), nullptr);
  EXPECT_EQ(cache.stats().entries, 2u);
}

TEST(VerifiedTokenCache, FourThreadsShareItSafely) {
  VerifiedTokenCache cache(64);  // far fewer slots than tokens: eviction races with lookups
  std::vector<TokenDigest> digests;
  for (int i = 0; i < 256; ++i) digests.push_back(digest("token-" + std::to_string(i)));
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20'000; ++i) {
        const std::size_t k = static_cast<std::size_t>(i * 7 + t * 13) % digests.size();
        if (const auto found = cache.find(digests[k], 0)) {
          if (found->token.sub != std::to_string(k)) ++wrong;
        } else {
          cache.insert(digests[k], entry(std::to_string(k), 100), 0);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  const VerifierCacheStats stats = cache.stats();
  EXPECT_LE(stats.entries, 64u);
  EXPECT_EQ(stats.hits + stats.misses, 4u * 20'000u);
}

}  // namespace
}  // namespace sp::security::detail
