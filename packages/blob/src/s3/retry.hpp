#pragma once
// When and how long the S3 adapter waits before trying a request again (pure logic).
#include <chrono>
#include <random>
#include <string_view>

namespace sp::blob::s3 {

// 5xx, 429 and S3's throttling answers (SlowDown, also sent as 503) are worth another try; so is
// a request that got no HTTP answer at all (transport error).
bool should_retry(bool transport_error, int status, std::string_view error_code);

// "Full jitter" exponential backoff: uniform in [0, base * 2^retry], capped at `cap`. `retry`
// counts from 0 (the wait before the second attempt).
std::chrono::milliseconds backoff(int retry, std::chrono::milliseconds base,
                                  std::chrono::milliseconds cap, std::mt19937_64& random);

}  // namespace sp::blob::s3
