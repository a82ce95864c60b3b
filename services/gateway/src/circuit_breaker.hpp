#pragma once
// A circuit breaker for one upstream replica (pure logic on an injected clock). Closed: requests
// go through; `failure_threshold` consecutive failures open it. Open: the replica is skipped
// until `open_for` has passed since it opened; then it is half-open and lets exactly one probe
// through at a time. A success closes it; a failed probe opens it again for another `open_for`.
#include <chrono>
#include <mutex>
#include <string_view>

#include "strangeprompt/core/clock.hpp"

namespace sp::gateway {

struct BreakerOptions {
  int failure_threshold = 5;                  // consecutive failures that open the breaker, >= 1
  std::chrono::milliseconds open_for{5'000};  // cool-down before a half-open probe
};

enum class BreakerState { kClosed = 0, kOpen = 1, kHalfOpen = 2 };
std::string_view to_string(BreakerState state);

class CircuitBreaker {
 public:
  CircuitBreaker(BreakerOptions options, const Clock& clock) : options_(options), clock_(clock) {}

  // Whether a request may go to the replica now. Past the cool-down the first caller takes the
  // half-open probe; others are refused until it reports.
  bool try_acquire();
  // The outcome of a request that try_acquire() let through.
  void on_success();
  void on_failure();

  // kOpen until a probe is taken, even past the cool-down.
  BreakerState state() const;
  // While open: how long until a probe may go (at least 1 ms); zero otherwise.
  std::chrono::milliseconds retry_after() const;

 private:
  std::chrono::milliseconds since_opened() const;

  const BreakerOptions options_;
  const Clock& clock_;
  mutable std::mutex mu_;
  BreakerState state_ = BreakerState::kClosed;  // guarded by mu_
  int failures_ = 0;                            // consecutive, guarded by mu_
  int64_t opened_ms_ = 0;                       // guarded by mu_
  bool probing_ = false;                        // half-open: the probe is out; guarded by mu_
};

}  // namespace sp::gateway
