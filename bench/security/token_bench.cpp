// Access-token costs, single thread. The reference is a bare libsodium Ed25519 verification of
// the same bytes: the verifier's overhead is the ratio between the two.
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <string>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/security/encoding.hpp"
#include "strangeprompt/security/jwks_key_resolver.hpp"
#include "strangeprompt/security/key_resolver.hpp"
#include "strangeprompt/security/key_ring.hpp"
#include "strangeprompt/security/token_issuer.hpp"
#include "strangeprompt/security/token_verifier.hpp"

namespace {

using namespace sp::security;  // NOLINT: bench-local

struct Setup {
  sp::ManualClock clock;
  KeyRing ring{SigningKeySet::create(clock.now_seconds())};
  TokenIssuer issuer{"https://auth.strangeprompt.test", ring, clock};
  LocalKeyResolver local{ring, clock};
  VerifierOptions options{"https://auth.strangeprompt.test", "strangeprompt-api"};
  std::string token = issuer
                          .issue({"1234567890123456789", "gallery:write media:write profile:write",
                                  "strangeprompt-api", std::chrono::minutes(15)})
                          .value()
                          .token;
};

void BM_TokenVerify(benchmark::State& state) {
  Setup s;
  TokenVerifier verifier(s.options, s.local, s.clock);
  for (auto _ : state) {
    auto verified = verifier.verify(s.token);
    if (!verified.ok()) state.SkipWithError("rejected");
    benchmark::DoNotOptimize(verified);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::to_string(s.token.size()) + " byte token");
}
BENCHMARK(BM_TokenVerify);

void BM_TokenVerifyViaJwks(benchmark::State& state) {
  Setup s;
  JwksKeyResolver jwks(
      [&]() -> sp::Result<std::string> {
        return s.ring.snapshot()->jwks_json(s.clock.now_seconds());
      },
      s.clock);
  TokenVerifier verifier(s.options, jwks, s.clock);
  for (auto _ : state) {
    auto verified = verifier.verify(s.token);
    if (!verified.ok()) state.SkipWithError("rejected");
    benchmark::DoNotOptimize(verified);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TokenVerifyViaJwks);

void BM_TokenVerifyRejectsBadSignature(benchmark::State& state) {
  Setup s;
  TokenVerifier verifier(s.options, s.local, s.clock);
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
