// argon2id at the configured cost (OWASP minimum by default): the price of one login.
#include <benchmark/benchmark.h>

#include "strangeprompt/security/password_hasher.hpp"
#include "strangeprompt/security/password_policy.hpp"

namespace {

using namespace sp::security;  // NOLINT: bench-local

constexpr std::string_view kPassword = "tangerine lighthouse under a violet tide";

void BM_Argon2idHash(benchmark::State& state) {
  const PasswordHasher hasher;
  for (auto _ : state) benchmark::DoNotOptimize(hasher.hash(kPassword));
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("m=" + std::to_string(hasher.params().memory_bytes >> 10) +
                 "KiB t=" + std::to_string(hasher.params().iterations) + " p=1");
}
BENCHMARK(BM_Argon2idHash)->Unit(benchmark::kMillisecond);

void BM_Argon2idVerify(benchmark::State& state) {
  const PasswordHasher hasher;
  const std::string encoded = hasher.hash(kPassword).value();
  for (auto _ : state) benchmark::DoNotOptimize(hasher.verify(kPassword, encoded));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Argon2idVerify)->Unit(benchmark::kMillisecond);

void BM_Argon2idDummyVerify(benchmark::State& state) {
  const PasswordHasher hasher;
  (void)hasher.dummy_verify(kPassword);  // builds the dummy hash outside the timed loop
  for (auto _ : state) benchmark::DoNotOptimize(hasher.dummy_verify(kPassword));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Argon2idDummyVerify)->Unit(benchmark::kMillisecond);

void BM_PasswordPolicyCheck(benchmark::State& state) {
  const PasswordPolicy policy;
  const PasswordContext context{"ada@example.com", "ada"};
  (void)policy.check(kPassword, context);  // loads the common-password set
  for (auto _ : state) benchmark::DoNotOptimize(policy.check(kPassword, context));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PasswordPolicyCheck);

}  // namespace
