#include "redis_rate_limiter.hpp"

#include "../gcra.hpp"
#include "strangeprompt/metrics/metrics.hpp"

namespace sp::cache::redis {
namespace {

// The same step as gcra_step (gcra.cpp), atomically on the server. Times are microseconds,
// exact in Lua's doubles below 2^53 (about 285 years after the epoch plus the burst window).
// ARGV: interval, burst, cost, now (< 0: the server's TIME), extra key lifetime in ms (an
// injected clock's slack). Returns {allowed, wait before allowed, remaining}.
constexpr const char* kGcraScript = R"lua(
local t = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
local slack = tonumber(ARGV[5])
if now < 0 then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000000 + tonumber(time[2])
end
local window = t * burst
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local new_tat = tat + t * cost
local allow_at = new_tat - window
if now < allow_at then
  return {0, allow_at - now, math.floor((window - (tat - now)) / t)}
end
if cost > 0 then
  local px = math.ceil((new_tat - now) / 1000) + slack
  redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', string.format('%.0f', px))
end
return {1, 0, math.floor((window - (new_tat - now)) / t)}
)lua";

constexpr int64_t kInjectedClockSlackMs = 60'000;

// Decisions made without an answer from Redis, by cache.redis.limiter_fail_open.
constexpr const char* kFallback = "sp_redis_limiter_fallback_total";
constexpr const char* kFailOpen = "decision=\"fail_open\"";
constexpr const char* kFailClosed = "decision=\"fail_closed\"";

}  // namespace

RedisRateLimiter::RedisRateLimiter(RedisEndpoint endpoint, const RedisOptions& options,
                                   const Clock* clock)
    : options_(options),
      clock_(clock),
      pool_(std::move(endpoint), options, "limiter"),
      gcra_(kGcraScript) {
  if (options_.metrics != nullptr) {
    options_.metrics->add_counter(kFallback, kFailOpen, 0);
    options_.metrics->add_counter(kFallback, kFailClosed, 0);
  }
}

Result<Decision> RedisRateLimiter::acquire(std::string_view key, const Limit& limit, int64_t cost) {
  SP_TRY(validate_gcra(limit, cost));
  const int64_t now_us =
      clock_ == nullptr
          ? -1
          : std::chrono::duration_cast<std::chrono::microseconds>(clock_->now().time_since_epoch())
                .count();
  const std::string k = options_.key_prefix + "r:" + std::string(key);
  const std::string interval = std::to_string(gcra_interval_us(limit));
  const std::string burst = std::to_string(limit.burst);
  const std::string units = std::to_string(cost);
  const std::string now = std::to_string(now_us);
  const std::string slack = std::to_string(clock_ == nullptr ? 0 : kInjectedClockSlackMs);
  auto reply = gcra_.run(pool_, {k}, {interval, burst, units, now, slack});
  const bool answered =
      reply.ok() && reply->type == Reply::Type::kArray && reply->elements.size() == 3;
  if (!answered) {
    ++failures_;
    if (options_.metrics != nullptr) {
      options_.metrics->add_counter(kFallback,
                                    options_.limiter_fail_open ? kFailOpen : kFailClosed);
    }
    if (options_.limiter_fail_open) {
      return Decision{true, std::chrono::milliseconds(0), limit.burst - cost};
    }
    return Decision{false, options_.retry_interval, 0};
  }
  const auto& e = reply->elements;
  return Decision{e[0].integer == 1, gcra_ceil_ms(e[1].integer), e[2].integer};
}

}  // namespace sp::cache::redis
