// The verifier with its verified-token cache: a remembered token must get exactly the answer a
// full verification would give now.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "strangeprompt/security/token_verifier.hpp"
#include "token_test_support.hpp"

namespace sp::security {
namespace {

using namespace testing;  // NOLINT: the fixtures of this package's token tests
using std::chrono::seconds;

VerifierOptions options(std::size_t cache_entries) {
  VerifierOptions o{std::string(kIssuer), std::string(kAudience)};
  o.cache_entries = cache_entries;
  return o;
}

// kid -> public key, changeable by the test.
class FakeKeyResolver final : public KeyResolver {
 public:
  void set(const std::string& kid, const std::string& public_key) {
    const std::lock_guard lock(mu_);
    keys_[kid] = public_key;
  }
  std::optional<std::string> find(std::string_view kid) override {
    const std::lock_guard lock(mu_);
    const auto it = keys_.find(kid);
    if (it == keys_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string, std::less<>> keys_;  // guarded by mu_
};

TEST(TokenCache, IsOnByDefault) {
  TokenWorld world;  // its verifier takes the default VerifierOptions
  const std::string token = world.issue();
  ASSERT_TRUE(world.verifier.verify(token).ok());
  ASSERT_TRUE(world.verifier.verify(token).ok());
  EXPECT_EQ(world.verifier.cache_stats().hits, 1u);
  EXPECT_EQ(world.verifier.cache_stats().misses, 1u);
}

TEST(TokenCache, ARepeatIsAHitWithIdenticalClaims) {
  TokenWorld world;
  const std::string token = world.issue();
  const auto first = world.verifier.verify(token);
  const auto second = world.verifier.verify(token);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(second->sub, first->sub);
  EXPECT_EQ(second->scopes, first->scopes);
  EXPECT_EQ(second->jti, first->jti);
  EXPECT_EQ(second->exp, first->exp);
  EXPECT_EQ(second->kid, first->kid);
  const VerifierCacheStats stats = world.verifier.cache_stats();
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_EQ(stats.hits, 1u);
}

TEST(TokenCache, RejectionsAreNotRemembered) {
  TokenWorld world;
  std::string token = world.issue();
  token.back() = token.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(world.verifier.verify(token).ok());
  EXPECT_FALSE(world.verifier.verify(token).ok());
  EXPECT_EQ(world.verifier.cache_stats().entries, 0u);
  EXPECT_EQ(world.verifier.cache_stats().hits, 0u);
}

TEST(TokenCache, ZeroEntriesDisablesIt) {
  TokenWorld world;
  const TokenVerifier uncached(options(0), world.resolver, world.clock);
  const std::string token = world.issue();
  EXPECT_TRUE(uncached.verify(token).ok());
  EXPECT_TRUE(uncached.verify(token).ok());
  const VerifierCacheStats stats = uncached.cache_stats();
  EXPECT_EQ(stats.entries + stats.hits + stats.misses, 0u);
}

TEST(TokenCache, ACachedTokenStillExpiresOnTime) {
  TokenWorld world;
  const std::string token = world.issue();  // exp = now + 900, leeway 60
  ASSERT_TRUE(world.verifier.verify(token).ok());
  world.clock.advance(seconds(900 + 59));
  EXPECT_TRUE(world.verifier.verify(token).ok());
  world.clock.advance(seconds(1));
  const auto late = world.verifier.verify(token);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().internal, "expired");
}

TEST(TokenCache, AnEntryLeavesTheCacheAtTheTokensExp) {
  TokenWorld world;
  const std::string token = world.issue();
  ASSERT_TRUE(world.verifier.verify(token).ok());
  world.clock.advance(seconds(899));
  ASSERT_TRUE(world.verifier.verify(token).ok());
  EXPECT_EQ(world.verifier.cache_stats().hits, 1u);
  world.clock.advance(seconds(1));  // at exp: still valid within the leeway, but verified in full
  ASSERT_TRUE(world.verifier.verify(token).ok());
  EXPECT_EQ(world.verifier.cache_stats().hits, 1u);
  EXPECT_EQ(world.verifier.cache_stats().entries, 0u);
}

TEST(TokenCache, AClockSetBackRejectsACachedTokenLikeAFreshOne) {
  TokenWorld world;
  const TokenVerifier uncached(options(0), world.resolver, world.clock);
  const std::string token = world.issue();  // iat = now
  ASSERT_TRUE(world.verifier.verify(token).ok());
  world.clock.advance(-seconds(61));
  const auto cached = world.verifier.verify(token);
  const auto fresh = uncached.verify(token);
  ASSERT_FALSE(cached.ok());
  ASSERT_FALSE(fresh.ok());
  EXPECT_EQ(cached.error().internal, fresh.error().internal);
  EXPECT_EQ(world.verifier.cache_stats().hits, 1u);  // the rejection came from the hit path
}

TEST(TokenCache, RemovingTheKeyFromTheRingRejectsItsCachedTokens) {
  TokenWorld world;
  const std::string token = world.issue();
  ASSERT_TRUE(world.verifier.verify(token).ok());
  world.ring.replace(SigningKeySet::create(world.now()));  // the old kid is gone
  const auto verified = world.verifier.verify(token);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().internal, "unknown or retired kid");
}

TEST(TokenCache, AKidNowNamingAnotherKeyRejectsItsCachedTokens) {
  ManualClock clock;
  FakeKeyResolver keys;
  const TokenVerifier verifier(options(100), keys, clock);
  const KeyPair original = KeyPair::generate(clock.now_seconds());
  const KeyPair replacement = KeyPair::generate(clock.now_seconds());
  keys.set("k1", original.public_key);
  const std::string token =
      sign(standard_header("k1"), standard_claims(clock.now_seconds()), original.secret_key);
  ASSERT_TRUE(verifier.verify(token).ok());
  keys.set("k1", replacement.public_key);
  const auto verified = verifier.verify(token);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().internal, "bad signature");
}

TEST(TokenCache, HoldsNoMoreThanItsCapacity) {
  TokenWorld world;
  const TokenVerifier small(options(3), world.resolver, world.clock);
  // Tokens spread over shards by hash: with 200 distinct tokens every shard that has room is
  // filled (a shard staying empty has probability < 1e-5), so the total is exactly the capacity.
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(small.verify(world.issue()).ok());
  EXPECT_EQ(small.cache_stats().entries, 3u);
}

TEST(TokenCache, FourThreadsShareOneVerifier) {
  TokenWorld world;
  const TokenVerifier verifier(options(4), world.resolver, world.clock);  // eviction churns
  std::vector<std::string> tokens;
  for (int i = 0; i < 8; ++i) tokens.push_back(world.issue());
  std::atomic<int> rejected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        const auto& token = tokens[static_cast<std::size_t>(t + i / 10) % tokens.size()];
        if (!verifier.verify(token).ok()) ++rejected;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(rejected.load(), 0);
  EXPECT_GT(verifier.cache_stats().hits, 0u);
  EXPECT_LE(verifier.cache_stats().entries, 4u);
}

}  // namespace
}  // namespace sp::security
