#include "retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace sp::gateway {

bool is_idempotent(http::Method method) {
  switch (method) {
    case http::Method::kGet:
    case http::Method::kHead:
    case http::Method::kPut:
    case http::Method::kDelete:
    case http::Method::kOptions:
      return true;
    default:
      return false;
  }
}

std::chrono::milliseconds backoff_delay(const RetryOptions& options, int retry,
                                        double unit_random) {
  const int exponent = std::clamp(retry - 1, 0, 30);
  const double cap =
      std::min(static_cast<double>(options.max_delay.count()),
               static_cast<double>(options.base_delay.count()) * std::ldexp(1.0, exponent));
  const double r = std::clamp(unit_random, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<int64_t>(std::floor(cap * r)));
}

}  // namespace sp::gateway
