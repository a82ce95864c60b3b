#pragma once
// Caps open connections in total and per client address, so one address (or a descriptor leak)
// cannot take every slot. Thread-safe: every I/O thread accepts.
#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sp::http {

class ConnectionLimiter {
 public:
  // `max_per_address` 0 = no per-address cap.
  ConnectionLimiter(std::size_t max_total, std::size_t max_per_address)
      : max_total_(max_total), max_per_address_(max_per_address) {}

  // Takes a slot for `address` (counted against the per-address cap unless `exempt`); false,
  // taking nothing, when a cap is reached.
  bool try_acquire(const std::string& address, bool exempt = false);
  // Gives back a slot taken by try_acquire with the same arguments.
  void release(const std::string& address, bool exempt = false);
  std::size_t total() const { return total_.load(std::memory_order_relaxed); }
  std::size_t count_for(const std::string& address) const;

 private:
  const std::size_t max_total_;
  const std::size_t max_per_address_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::size_t> per_address_;  // guarded by mu_
  std::atomic<std::size_t> total_{0};                         // written under mu_
};

}  // namespace sp::http
