#pragma once
// The GCRA step as a pure function: given a key's theoretical arrival time (TAT), the time now, a
// limit and a cost, decide and return the new TAT. Times are microseconds.
#include <chrono>
#include <cstdint>

#include "strangeprompt/cache/rate_limiter.hpp"

namespace sp::cache {

struct GcraStep {
  Decision decision;
  int64_t tat_us = 0;  // the key's TAT after this request (unchanged when denied)
};

// Microseconds between two units of the limit (the emission interval), at least 1.
int64_t gcra_interval_us(const Limit& limit);
// Microseconds rounded up to whole milliseconds.
std::chrono::milliseconds gcra_ceil_ms(int64_t us);

// kInvalidArgument when the limit is malformed, too large to represent, or cost is out of range.
Status validate_gcra(const Limit& limit, int64_t cost);
// `tat_us` is 0 for an unknown key. Requires validate_gcra(limit, cost).ok().
GcraStep gcra_step(int64_t tat_us, int64_t now_us, const Limit& limit, int64_t cost);

}  // namespace sp::cache
