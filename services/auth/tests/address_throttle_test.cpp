// Specification of the per-address caps on sign-up and password-forgot: a burst of N per address,
// then 429 with Retry-After until the hour refills it; other addresses are unaffected, and forgot
// still answers 202 for unknown emails while the address is within its limit.
#include "logic/address_throttle.hpp"

#include <gtest/gtest.h>

#include <string>

#include "strangeprompt/cache/rate_limiter.hpp"
#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

using namespace std::chrono_literals;
using http::Method;
using testing::AuthHarness;

AddressThrottle throttle_over(const ManualClock& clock, AddressLimits limits) {
  cache::RateLimiterOptions options;
  options.clock = &clock;
  return AddressThrottle(std::move(cache::RateLimiter::create(options)).value(), limits);
}

TEST(AddressThrottle, RefusesTheRequestAfterTheBurstWithRetryAfter) {
  ManualClock clock;
  const AddressThrottle throttle =
      throttle_over(clock, {.signup_per_hour = 2, .forgot_per_hour = 1});
  EXPECT_TRUE(throttle.admit(AddressAction::kSignup, "192.0.2.1").ok());
  EXPECT_TRUE(throttle.admit(AddressAction::kSignup, "192.0.2.1").ok());
  Status refused = throttle.admit(AddressAction::kSignup, "192.0.2.1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(refused.error().retry_after_seconds, 1800);  // one unit per half hour
}

TEST(AddressThrottle, CountsEachActionAndAddressApart) {
  ManualClock clock;
  const AddressThrottle throttle =
      throttle_over(clock, {.signup_per_hour = 1, .forgot_per_hour = 1});
  EXPECT_TRUE(throttle.admit(AddressAction::kSignup, "192.0.2.1").ok());
  EXPECT_TRUE(throttle.admit(AddressAction::kPasswordForgot, "192.0.2.1").ok());
  EXPECT_TRUE(throttle.admit(AddressAction::kSignup, "192.0.2.2").ok());
  EXPECT_FALSE(throttle.admit(AddressAction::kSignup, "192.0.2.1").ok());
  EXPECT_FALSE(throttle.admit(AddressAction::kPasswordForgot, "192.0.2.1").ok());
}

TEST(AddressThrottle, AllowsAgainOnceThePeriodPasses) {
  ManualClock clock;
  const AddressThrottle throttle =
      throttle_over(clock, {.signup_per_hour = 1, .forgot_per_hour = 1});
  EXPECT_TRUE(throttle.admit(AddressAction::kSignup, "192.0.2.1").ok());
  EXPECT_FALSE(throttle.admit(AddressAction::kSignup, "192.0.2.1").ok());
  clock.advance(1h);
  EXPECT_TRUE(throttle.admit(AddressAction::kSignup, "192.0.2.1").ok());
}

TEST(AddressThrottle, ZeroTurnsTheCapOff) {
  ManualClock clock;
  const AddressThrottle throttle =
      throttle_over(clock, {.signup_per_hour = 0, .forgot_per_hour = 0});
  for (int i = 0; i < 50; ++i) EXPECT_TRUE(throttle.admit(AddressAction::kSignup, "x").ok());
}

// The routes, over a runtime whose limiter runs on the harness clock.
class AddressThrottleRoutes : public ::testing::Test {
 protected:
  static constexpr int64_t kLimit = 3;
  static AuthSettings small_limits() {
    AuthSettings s = testing::test_settings();
    s.address_limits = {.signup_per_hour = kLimit, .forgot_per_hour = kLimit};
    return s;
  }
  http::Response post_from(std::string address, std::string path, std::string body) {
    http::Request r = testing::json_request(Method::kPost, std::move(path), std::move(body));
    r.remote_address = std::move(address);
    return h_.send(std::move(r));
  }
  http::Response sign_up_from(const std::string& address) {
    const std::string handle = "user" + std::to_string(next_++);
    return post_from(address, "/v1/auth/signup",
                     R"({"email":")" + handle + R"(@example.com","handle":")" + handle +
                         R"(","password":"correct horse battery staple"})");
  }
  http::Response forgot_from(const std::string& address, const std::string& email) {
    return post_from(address, "/v1/auth/password/forgot", R"({"email":")" + email + R"("})");
  }
  static void expect_rate_limited(const http::Response& r) {
    EXPECT_EQ(r.status, 429) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    EXPECT_EQ(r.header("retry-after"), "1200");  // one unit per 3600 s / kLimit
  }

  AuthHarness h_{"sqlite", small_limits()};
  int next_ = 0;
};

TEST_F(AddressThrottleRoutes, SignupOverTheLimitIs429WhileAnotherAddressSucceeds) {
  for (int64_t i = 0; i < kLimit; ++i) ASSERT_EQ(sign_up_from("203.0.113.1").status, 201);
  expect_rate_limited(sign_up_from("203.0.113.1"));
  EXPECT_EQ(sign_up_from("203.0.113.2").status, 201);
}

TEST_F(AddressThrottleRoutes, RefusedSignupCreatesNoAccount) {
  for (int64_t i = 0; i < kLimit; ++i) ASSERT_EQ(sign_up_from("203.0.113.1").status, 201);
  const int refused = next_;
  expect_rate_limited(sign_up_from("203.0.113.1"));
  const std::string handle = "user" + std::to_string(refused);
  EXPECT_FALSE(h_.store().find_user_by_login(handle + "@example.com").value().has_value());
}

TEST_F(AddressThrottleRoutes, SignupIsAllowedAgainAfterThePeriod) {
  for (int64_t i = 0; i < kLimit; ++i) ASSERT_EQ(sign_up_from("203.0.113.1").status, 201);
  expect_rate_limited(sign_up_from("203.0.113.1"));
  h_.clock().advance(1h);
  EXPECT_EQ(sign_up_from("203.0.113.1").status, 201);
}

TEST_F(AddressThrottleRoutes, ForgotAnswers202ForUnknownEmailsUntilTheLimit) {
  for (int64_t i = 0; i < kLimit; ++i) {
    ASSERT_EQ(forgot_from("203.0.113.1", "nobody@example.com").status, 202);
  }
  expect_rate_limited(forgot_from("203.0.113.1", "nobody@example.com"));
  EXPECT_EQ(forgot_from("203.0.113.2", "nobody@example.com").status, 202);
}

TEST_F(AddressThrottleRoutes, ForgotIsAllowedAgainAfterThePeriod) {
  for (int64_t i = 0; i < kLimit; ++i) {
    ASSERT_EQ(forgot_from("203.0.113.1", "nobody@example.com").status, 202);
  }
  expect_rate_limited(forgot_from("203.0.113.1", "nobody@example.com"));
  h_.clock().advance(1h);
  EXPECT_EQ(forgot_from("203.0.113.1", "nobody@example.com").status, 202);
}

}  // namespace
}  // namespace sp::auth
