// Specification of the log-in throttle policy: free failures, doubling delays, the cap, the lock.
#include "logic/login_throttle.hpp"

#include <gtest/gtest.h>

namespace sp::auth {
namespace {

constexpr int64_t kNow = 1'000'000'000;

struct DelayCase {
  int64_t failures;
  int64_t delay_ms;
};
void PrintTo(const DelayCase& c, std::ostream* os) {
  *os << c.failures << " failures";
}

class AccountDelays : public ::testing::TestWithParam<DelayCase> {};

TEST_P(AccountDelays, DoubleAfterTheFreeFailuresUpToTheCap) {
  EXPECT_EQ(ThrottlePolicy::per_account().delay_after(GetParam().failures), GetParam().delay_ms);
}

INSTANTIATE_TEST_SUITE_P(Table, AccountDelays,
                         ::testing::Values(DelayCase{0, 0}, DelayCase{5, 0}, DelayCase{6, 1'000},
                                           DelayCase{7, 2'000}, DelayCase{8, 4'000},
                                           DelayCase{15, 512'000}, DelayCase{16, 900'000},
                                           DelayCase{99, 900'000}, DelayCase{1'000, 900'000}));

TEST(LoginThrottle, AllowsASubjectWithoutFailures) {
  EXPECT_TRUE(evaluate(ThrottlePolicy::per_account(), {}, kNow).allowed);
}

TEST(LoginThrottle, RefusesUntilTheDelayHasPassed) {
  const ThrottleState state{.failures = 7, .last_failure_at_ms = kNow};
  const ThrottleVerdict soon = evaluate(ThrottlePolicy::per_account(), state, kNow + 500);
  EXPECT_FALSE(soon.allowed);
  EXPECT_FALSE(soon.locked);
  EXPECT_EQ(soon.retry_after_ms, 1'500);
  EXPECT_TRUE(evaluate(ThrottlePolicy::per_account(), state, kNow + 2'000).allowed);
}

TEST(LoginThrottle, LocksAnAccountAtOneHundredFailuresForever) {
  const ThrottleState state{.failures = 100, .last_failure_at_ms = kNow};
  const ThrottleVerdict later =
      evaluate(ThrottlePolicy::per_account(), state, kNow + 365LL * 24 * 3600 * 1000);
  EXPECT_FALSE(later.allowed);
  EXPECT_TRUE(later.locked);
}

TEST(LoginThrottle, ForgetsAQuietAddress) {
  const ThrottleState state{.failures = 500, .last_failure_at_ms = kNow};
  const ThrottlePolicy address = ThrottlePolicy::per_address();
  EXPECT_FALSE(evaluate(address, state, kNow + 1'000).allowed);
  EXPECT_TRUE(evaluate(address, state, kNow + address.forget_after_ms + 1).allowed);
  EXPECT_EQ(forget_before(address, kNow), kNow - address.forget_after_ms);
}

TEST(LoginThrottle, NeverForgetsAccountFailuresByTime) {
  EXPECT_EQ(forget_before(ThrottlePolicy::per_account(), kNow), 0);
}

TEST(LoginThrottle, SubjectsKeepAccountsNamesAndAddressesApart) {
  EXPECT_EQ(account_subject(42), "account:42");
  EXPECT_EQ(login_subject("ada"), "login:ada");
  EXPECT_EQ(address_subject("192.0.2.1"), "address:192.0.2.1");
}

}  // namespace
}  // namespace sp::auth
