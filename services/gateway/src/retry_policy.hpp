#pragma once
// When the gateway may try a request again and how long it waits first (pure).
#include <chrono>

#include "strangeprompt/http/message.hpp"

namespace sp::gateway {

struct RetryOptions {
  int retries = 2;                           // extra attempts after the first (idempotent only)
  std::chrono::milliseconds base_delay{20};  // backoff before the first retry (cap of jitter)
  std::chrono::milliseconds max_delay{500};  // the backoff never exceeds this
};

// GET, HEAD, PUT, DELETE, OPTIONS: repeating them cannot do twice what once would. Never POST or
// PATCH (a lost answer may hide a done write).
bool is_idempotent(http::Method method);

// The wait before retry number `retry` (1 = the first retry): "full jitter" exponential backoff,
// `unit_random` in [0, 1) times min(max_delay, base_delay * 2^(retry-1)).
std::chrono::milliseconds backoff_delay(const RetryOptions& options, int retry, double unit_random);

}  // namespace sp::gateway
