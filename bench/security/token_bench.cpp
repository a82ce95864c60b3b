// Access-token costs. The reference is a bare libsodium Ed25519 verification of the same bytes:
// the verifier's overhead is the ratio between the two. Cold runs have the verified-token cache
// off, so every call checks a signature; cached and mixed runs show what a gateway sees when
// clients reuse their token. items_per_second is per core (items over summed thread CPU time);
// with ->Threads(2) the Time column is wall time per item over both threads.
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <memory>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/security/encoding.hpp"
#include "strangeprompt/security/jwks_key_resolver.hpp"
#include "strangeprompt/security/key_resolver.hpp"
#include "strangeprompt/security/key_ring.hpp"
#include "strangeprompt/security/token_issuer.hpp"
#include "strangeprompt/security/token_verifier.hpp"

namespace {

using namespace sp::security;  // NOLINT: bench-local

constexpr std::size_t kLiveTokens = 1'000;     // distinct tokens in use at any moment (mixed)
constexpr std::size_t kIssuedTokens = 20'000;  // the mixed stream's supply of new tokens
constexpr std::size_t kCacheEntries = 10'000;  // VerifierOptions' default

AccessClaims typical_claims() {
  return {"1234567890123456789", "gallery:write media:write profile:write", "strangeprompt-api",
          std::chrono::minutes(15)};
}

struct Setup {
  sp::ManualClock clock;
  KeyRing ring{SigningKeySet::create(clock.now_seconds())};
  TokenIssuer issuer{"https://auth.strangeprompt.test", ring, clock};
  LocalKeyResolver local{ring, clock};
  std::string token = issuer.issue(typical_claims()).value().token;

  VerifierOptions options(std::size_t cache_entries) const {
    VerifierOptions o{"https://auth.strangeprompt.test", "strangeprompt-api"};
    o.cache_entries = cache_entries;
    return o;
  }
};

// Built once (issuing 20,000 tokens takes a while) and shared by every run and thread.
Setup& shared_setup() {
  static Setup setup;
  return setup;
}
const std::vector<std::string>& issued_tokens() {
  static const std::vector<std::string> tokens = [] {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < kIssuedTokens; ++i) {
      out.push_back(shared_setup().issuer.issue(typical_claims()).value().token);
    }
    return out;
  }();
  return tokens;
}

// One verifier per run, shared by the run's threads: thread 0 makes it and verifies `warm`
// before the timed loop (whose start is a barrier for all threads), and drops it after.
std::unique_ptr<TokenVerifier> run_verifier;
VerifierCacheStats run_baseline;  // after warming: hit_ratio counts the timed loop only

void start_run(benchmark::State& state, std::size_t cache_entries,
               std::span<const std::string> warm = {}) {
  if (state.thread_index() != 0) return;
  Setup& s = shared_setup();
  run_verifier = std::make_unique<TokenVerifier>(s.options(cache_entries), s.local, s.clock);
  for (const auto& token : warm) (void)run_verifier->verify(token);
  run_baseline = run_verifier->cache_stats();
}

void finish_run(benchmark::State& state) {
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() != 0) return;
  const VerifierCacheStats stats = run_verifier->cache_stats();
  const uint64_t hits = stats.hits - run_baseline.hits;
  const uint64_t lookups = hits + stats.misses - run_baseline.misses;
  if (lookups > 0) {
    state.counters["hit_ratio"] = static_cast<double>(hits) / static_cast<double>(lookups);
  }
  run_verifier.reset();
}

void verify_or_fail(benchmark::State& state, const std::string& token) {
  auto verified = run_verifier->verify(token);
  if (!verified.ok()) state.SkipWithError("rejected");
  benchmark::DoNotOptimize(verified);
}

// Every call checks the signature: the cache is off.
void BM_TokenVerifyCold(benchmark::State& state) {
  const std::string& token = shared_setup().token;
  start_run(state, 0);
  for (auto _ : state) verify_or_fail(state, token);
  state.SetLabel(std::to_string(token.size()) + " byte token");
  finish_run(state);
}
BENCHMARK(BM_TokenVerifyCold)->Threads(1)->Threads(2);

// One token over and over: every call after the first is a cache hit.
void BM_TokenVerifyCached(benchmark::State& state) {
  const std::string& token = shared_setup().token;
  start_run(state, kCacheEntries, {&token, 1});
  for (auto _ : state) verify_or_fail(state, token);
  finish_run(state);
}
BENCHMARK(BM_TokenVerifyCached)->Threads(1)->Threads(2);

// 1,000 live tokens picked at random; every `uses_per_token` requests one token is retired and a
// fresh one (never seen, so a miss) joins. Each token gets about uses_per_token requests.
void BM_TokenVerifyMixed(benchmark::State& state) {
  const auto& tokens = issued_tokens();
  const auto uses_per_token = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<std::size_t>(state.threads());
  start_run(state, kCacheEntries, std::span(tokens).first(kLiveTokens));
  std::mt19937_64 rng(static_cast<uint64_t>(state.thread_index()) + 1);
  std::uniform_int_distribution<std::size_t> pick(0, kLiveTokens - 1);
  std::size_t request = 0;
  for (auto _ : state) {
    // Threads walk the same stream, each at 1/threads of its pace: uses per token stay the same.
    const std::size_t oldest = request++ * threads / uses_per_token;
    verify_or_fail(state, tokens[(oldest + pick(rng)) % tokens.size()]);
  }
  finish_run(state);
}
BENCHMARK(BM_TokenVerifyMixed)
    ->ArgName("uses_per_token")
    ->Arg(10)
    ->Arg(100)
    ->Threads(1)
    ->Threads(2);

// Keys from a JWKS document (distributed mode), cache off (0) and on.
void BM_TokenVerifyViaJwks(benchmark::State& state) {
  Setup& s = shared_setup();
  JwksKeyResolver jwks(
      [&]() -> sp::Result<std::string> {
        return s.ring.snapshot()->jwks_json(s.clock.now_seconds());
      },
      s.clock);
  const TokenVerifier verifier(s.options(static_cast<std::size_t>(state.range(0))), jwks, s.clock);
  for (auto _ : state) {
    auto verified = verifier.verify(s.token);
    if (!verified.ok()) state.SkipWithError("rejected");
    benchmark::DoNotOptimize(verified);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TokenVerifyViaJwks)->ArgName("cache_entries")->Arg(0)->Arg(kCacheEntries);

// A forgery never hits the cache: it pays the digest, the lookup and the full check.
void BM_TokenVerifyRejectsBadSignature(benchmark::State& state) {
  Setup s;
  const TokenVerifier verifier(s.options(kCacheEntries), s.local, s.clock);
  (void)verifier.verify(s.token);  // the genuine token is cached
  std::string forged = s.token;
  forged[forged.size() - 10] = forged[forged.size() - 10] == 'A' ? 'B' : 'A';
  for (auto _ : state) benchmark::DoNotOptimize(verifier.verify(forged));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TokenVerifyRejectsBadSignature);

void BM_Reference_Ed25519VerifyRaw(benchmark::State& state) {
  Setup s;
  const auto dot = s.token.rfind('.');
  const std::string input = s.token.substr(0, dot);
  const std::string signature = base64url_decode(s.token.substr(dot + 1)).value();
  const std::string public_key = s.ring.snapshot()->current().public_key;
  for (auto _ : state) {
    int rc = crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                         reinterpret_cast<const unsigned char*>(input.data()),
                                         input.size(),
                                         reinterpret_cast<const unsigned char*>(public_key.data()));
    benchmark::DoNotOptimize(rc);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Reference_Ed25519VerifyRaw);

void BM_TokenIssue(benchmark::State& state) {
  Setup s;
  const AccessClaims claims{"1234567890123456789", "gallery:write", "strangeprompt-api",
                            std::chrono::minutes(15)};
  for (auto _ : state) benchmark::DoNotOptimize(s.issuer.issue(claims));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TokenIssue);

}  // namespace
