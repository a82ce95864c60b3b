// ConnectionLimiter: one mutex-guarded map; taken once per connection, never per request.
#include "connection_limiter.hpp"

namespace sp::http {

bool ConnectionLimiter::try_acquire(const std::string& address, bool exempt) {
  std::lock_guard lock(mu_);
  if (total_.load(std::memory_order_relaxed) >= max_total_) return false;
  if (!exempt && max_per_address_ > 0) {
    std::size_t& count = per_address_[address];
    if (count >= max_per_address_) return false;
    ++count;
  }
  total_.fetch_add(1, std::memory_order_relaxed);
  return true;
}

void ConnectionLimiter::release(const std::string& address, bool exempt) {
  std::lock_guard lock(mu_);
  total_.fetch_sub(1, std::memory_order_relaxed);
  if (exempt || max_per_address_ == 0) return;
  auto it = per_address_.find(address);
  if (it == per_address_.end()) return;
  if (--it->second == 0) per_address_.erase(it);
}

std::size_t ConnectionLimiter::count_for(const std::string& address) const {
  std::lock_guard lock(mu_);
  auto it = per_address_.find(address);
  return it == per_address_.end() ? 0 : it->second;
}

}  // namespace sp::http
