#include "logic/address_throttle.hpp"

#include <chrono>
#include <string>

#include "strangeprompt/cache/rate_limiter.hpp"

namespace sp::auth {

AddressThrottle::AddressThrottle(std::unique_ptr<cache::RateLimiter> limiter, AddressLimits limits)
    : limiter_(std::move(limiter)), limits_(limits) {}

AddressThrottle::~AddressThrottle() = default;

Status AddressThrottle::admit(AddressAction action, std::string_view address) const {
  const bool signup = action == AddressAction::kSignup;
  const int64_t per_hour = signup ? limits_.signup_per_hour : limits_.forgot_per_hour;
  if (per_hour <= 0) return ok_status();
  const cache::Limit limit{.rate = per_hour, .period = std::chrono::hours(1), .burst = per_hour};
  const std::string key =
      std::string(signup ? "auth.signup:" : "auth.forgot:") + std::string(address);
  SP_ASSIGN_OR_RETURN(cache::Decision decision, limiter_->acquire(key, limit));
  if (decision.allowed) return ok_status();
  Error e{ErrorCode::kRateLimited, signup ? "too many sign-ups from this address; try again later"
                                          : "too many password reset requests from this "
                                            "address; try again later"};
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(decision.retry_after).count();
  e.retry_after_seconds = static_cast<int>(seconds < 1 ? 1 : seconds);
  return e;
}

}  // namespace sp::auth
