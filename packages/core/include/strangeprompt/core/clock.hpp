#pragma once
// The clock seam: production code takes a Clock&, tests pass a ManualClock.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace sp {

using SystemTime = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time (UTC).
  virtual SystemTime now() const = 0;
  // Milliseconds since the Unix epoch.
  int64_t now_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch()).count();
  }
  int64_t now_seconds() const { return now_ms() / 1000; }

  // The process-wide real clock.
  static Clock& system();
};

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_ms = 1'750'000'000'000) : ms_(start_ms) {}
  SystemTime now() const override { return SystemTime(std::chrono::milliseconds(ms_.load())); }
  void advance(std::chrono::milliseconds d) { ms_ += d.count(); }
  void set_ms(int64_t ms) { ms_ = ms; }

 private:
  std::atomic<int64_t> ms_;
};

// RFC 3339 UTC with milliseconds, e.g. 2026-11-26T03:36:39.123Z.
std::string format_rfc3339(SystemTime t);
std::string format_rfc3339_ms(int64_t unix_ms);

}  // namespace sp
