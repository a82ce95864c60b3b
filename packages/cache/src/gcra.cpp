#include "gcra.hpp"

#include <algorithm>

namespace sp::cache {
namespace {

int64_t interval_us(const Limit& limit) {
  return gcra_interval_us(limit);
}
std::chrono::milliseconds ceil_ms(int64_t us) {
  return gcra_ceil_ms(us);
}

}  // namespace

int64_t gcra_interval_us(const Limit& limit) {
  return std::max<int64_t>(1, limit.period.count() * 1'000 / limit.rate);
}

std::chrono::milliseconds gcra_ceil_ms(int64_t us) {
  return std::chrono::milliseconds((us + 999) / 1'000);
}

Status validate_gcra(const Limit& limit, int64_t cost) {
  constexpr int64_t kMaxPeriodMs = 366LL * 24 * 3'600 * 1'000;
  if (limit.rate <= 0 || limit.period.count() <= 0 || limit.period.count() > kMaxPeriodMs ||
      limit.burst < 1) {
    return Error::invalid("rate limit needs rate > 0, 0 < period <= 1 year and burst >= 1");
  }
  int64_t window = 0;
  if (__builtin_mul_overflow(interval_us(limit), limit.burst, &window) ||
      window > (int64_t{1} << 60)) {
    return Error::invalid("rate limit burst window too large");
  }
  if (cost < 0 || cost > limit.burst) return Error::invalid("rate limit cost outside 0..burst");
  return ok_status();
}

GcraStep gcra_step(int64_t tat_us, int64_t now_us, const Limit& limit, int64_t cost) {
  const int64_t t = interval_us(limit);
  const int64_t window = t * limit.burst;  // how far ahead of now the TAT may run
  const int64_t tat = std::max(tat_us, now_us);
  const int64_t new_tat = tat + t * cost;
  const int64_t allow_at = new_tat - window;
  GcraStep step;
  if (now_us < allow_at) {
    step.tat_us = tat;
    step.decision = Decision{false, ceil_ms(allow_at - now_us), (window - (tat - now_us)) / t};
  } else {
    step.tat_us = new_tat;
    step.decision = Decision{true, std::chrono::milliseconds(0), (window - (new_tat - now_us)) / t};
  }
  return step;
}

}  // namespace sp::cache
