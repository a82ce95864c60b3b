#include "circuit_breaker.hpp"

#include <algorithm>

namespace sp::gateway {

std::string_view to_string(BreakerState state) {
  switch (state) {
    case BreakerState::kClosed:
      return "closed";
    case BreakerState::kOpen:
      return "open";
    case BreakerState::kHalfOpen:
      return "half_open";
  }
  return "closed";
}

std::chrono::milliseconds CircuitBreaker::since_opened() const {
  return std::chrono::milliseconds(clock_.now_ms() - opened_ms_);
}

bool CircuitBreaker::try_acquire() {
  std::lock_guard lock(mu_);
  switch (state_) {
    case BreakerState::kClosed:
      return true;
    case BreakerState::kOpen:
      if (since_opened() < options_.open_for) return false;
      state_ = BreakerState::kHalfOpen;
      probing_ = true;
      return true;
    case BreakerState::kHalfOpen:
      if (probing_) return false;
      probing_ = true;
      return true;
  }
  return false;
}

void CircuitBreaker::on_success() {
  std::lock_guard lock(mu_);
  state_ = BreakerState::kClosed;
  failures_ = 0;
  probing_ = false;
}

void CircuitBreaker::on_failure() {
  std::lock_guard lock(mu_);
  if (state_ == BreakerState::kHalfOpen) {
    state_ = BreakerState::kOpen;
    opened_ms_ = clock_.now_ms();
    probing_ = false;
    return;
  }
  if (state_ == BreakerState::kOpen) return;  // a late answer of a request sent before it opened
  if (++failures_ >= std::max(options_.failure_threshold, 1)) {
    state_ = BreakerState::kOpen;
    opened_ms_ = clock_.now_ms();
  }
}

BreakerState CircuitBreaker::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

std::chrono::milliseconds CircuitBreaker::retry_after() const {
  std::lock_guard lock(mu_);
  if (state_ != BreakerState::kOpen) return std::chrono::milliseconds::zero();
  return std::max(options_.open_for - since_opened(), std::chrono::milliseconds(1));
}

}  // namespace sp::gateway
