#include "logic/login_throttle.hpp"

#include <algorithm>

namespace sp::auth {

int64_t ThrottlePolicy::delay_after(int64_t failures) const {
  if (failures <= free_failures) return 0;
  const int64_t doublings = std::min<int64_t>(failures - free_failures - 1, 40);
  if (base_delay_ms > (max_delay_ms >> doublings)) return max_delay_ms;
  return std::min(max_delay_ms, base_delay_ms << doublings);
}

ThrottleVerdict evaluate(const ThrottlePolicy& policy, const ThrottleState& state, int64_t now_ms) {
  if (policy.forget_after_ms > 0 && state.last_failure_at_ms < now_ms - policy.forget_after_ms) {
    return {};
  }
  if (policy.lock_after > 0 && state.failures >= policy.lock_after) {
    return {.allowed = false, .locked = true, .retry_after_ms = 0};
  }
  const int64_t open_at = state.last_failure_at_ms + policy.delay_after(state.failures);
  if (now_ms >= open_at) return {};
  return {.allowed = false, .locked = false, .retry_after_ms = open_at - now_ms};
}

int64_t forget_before(const ThrottlePolicy& policy, int64_t now_ms) {
  return policy.forget_after_ms > 0 ? now_ms - policy.forget_after_ms : 0;
}

std::string account_subject(int64_t user_id) {
  return "account:" + std::to_string(user_id);
}
std::string login_subject(std::string_view login) {
  return "login:" + std::string(login);
}
std::string address_subject(std::string_view address) {
  return "address:" + std::string(address);
}

}  // namespace sp::auth
