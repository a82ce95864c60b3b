#include "redis_counters.hpp"

#include <hiredis/hiredis.h>

#include <cerrno>
#include <cstring>

#include "strangeprompt/metrics/metrics.hpp"

namespace sp::cache::redis {
namespace {

constexpr const char* kErrors = "sp_redis_command_errors_total";
constexpr const char* kTimeouts = "sp_redis_command_timeouts_total";
constexpr const char* kReconnects = "sp_redis_reconnects_total";

}  // namespace

RedisCounters::RedisCounters(metrics::Metrics* metrics, std::string use)
    : metrics_(metrics), labels_("use=\"" + use + "\"") {
  if (metrics_ == nullptr) return;
  for (const char* name : {kErrors, kTimeouts, kReconnects})
    metrics_->add_counter(name, labels_, 0);
}

void RedisCounters::error() {
  ++errors_;
  if (metrics_ != nullptr) metrics_->add_counter(kErrors, labels_);
}

void RedisCounters::timeout() {
  ++timeouts_;
  if (metrics_ != nullptr) metrics_->add_counter(kTimeouts, labels_);
}

void RedisCounters::reconnect() {
  ++reconnects_;
  if (metrics_ != nullptr) metrics_->add_counter(kReconnects, labels_);
}

bool is_timeout(int hiredis_err, int saved_errno, const char* errstr) {
  if (hiredis_err != REDIS_ERR_IO) return false;
  if (saved_errno == EAGAIN || saved_errno == EWOULDBLOCK || saved_errno == ETIMEDOUT ||
      saved_errno == EINPROGRESS) {
    return true;
  }
  // hiredis 0.14 reports a connect timeout as "Connection timed out" with errno possibly reset.
  return errstr != nullptr && (std::strstr(errstr, "timed out") != nullptr ||
                               std::strstr(errstr, "temporarily unavailable") != nullptr);
}

}  // namespace sp::cache::redis
