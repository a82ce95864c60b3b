#include "retry.hpp"

#include <algorithm>

namespace sp::blob::s3 {

bool should_retry(bool transport_error, int status, std::string_view error_code) {
  if (transport_error) return true;
  if (status >= 500 || status == 429) return true;
  return error_code == "SlowDown" || error_code == "RequestTimeout" || error_code == "Throttling" ||
         error_code == "ThrottlingException";
}

std::chrono::milliseconds backoff(int retry, std::chrono::milliseconds base,
                                  std::chrono::milliseconds cap, std::mt19937_64& random) {
  const int shift = std::clamp(retry, 0, 20);
  const auto ceiling = std::min<int64_t>(cap.count(), base.count() * (int64_t{1} << shift));
  std::uniform_int_distribution<int64_t> pick(0, std::max<int64_t>(ceiling, 0));
  return std::chrono::milliseconds(pick(random));
}

}  // namespace sp::blob::s3
