#pragma once
// Per-address caps on the unauthenticated flows that cost us something even when they fail:
// sign-up (an account, a hash, a mail) and password-forgot (a mail). GCRA over the cache
// package's RateLimiter, so a client address spends a burst and then refills smoothly.
#include <cstdint>
#include <memory>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp::cache {
class RateLimiter;
}

namespace sp::auth {

enum class AddressAction { kSignup, kPasswordForgot };

// Requests allowed per address per hour (also the burst); 0 turns the cap off.
struct AddressLimits {
  int64_t signup_per_hour = 20;
  int64_t forgot_per_hour = 10;
};

class AddressThrottle {
 public:
  // `limiter` must not be null; its clock decides when spent units come back.
  AddressThrottle(std::unique_ptr<cache::RateLimiter> limiter, AddressLimits limits);
  ~AddressThrottle();

  // Spends one unit of `action` for `address`. kRateLimited (with Retry-After) when the address
  // is over its limit; a refused request spends nothing.
  Status admit(AddressAction action, std::string_view address) const;

 private:
  std::unique_ptr<cache::RateLimiter> limiter_;
  AddressLimits limits_;
};

}  // namespace sp::auth
