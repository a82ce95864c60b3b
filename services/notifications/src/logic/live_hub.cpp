#include "logic/live_hub.hpp"

#include <vector>

namespace sp::notifications {

uint64_t LiveHub::subscribe(int64_t user_id, Listener listener) {
  std::lock_guard lock(mu_);
  const uint64_t token = next_token_++;
  listeners_[user_id].emplace(token, std::move(listener));
  return token;
}

void LiveHub::unsubscribe(int64_t user_id, uint64_t token) {
  std::lock_guard lock(mu_);
  auto it = listeners_.find(user_id);
  if (it == listeners_.end()) return;
  it->second.erase(token);
  if (it->second.empty()) listeners_.erase(it);
}

void LiveHub::signal(int64_t user_id) {
  std::vector<Listener> calls;
  {
    std::lock_guard lock(mu_);
    auto it = listeners_.find(user_id);
    if (it == listeners_.end()) return;
    for (const auto& [token, listener] : it->second) calls.push_back(listener);
  }
  for (const auto& call : calls) call();
}

void LiveHub::publish(const std::vector<int64_t>& users) {
  if (users.empty()) return;
  for (int64_t user : users) signal(user);
  Forwarder forward;
  {
    std::lock_guard lock(mu_);
    forward = forwarder_;
  }
  if (forward) forward(users);
}

void LiveHub::set_forwarder(Forwarder forwarder) {
  std::lock_guard lock(mu_);
  forwarder_ = std::move(forwarder);
}

void LiveHub::signal_all() {
  std::vector<Listener> calls;
  {
    std::lock_guard lock(mu_);
    for (const auto& [user, listeners] : listeners_) {
      for (const auto& [token, listener] : listeners) calls.push_back(listener);
    }
  }
  for (const auto& call : calls) call();
}

std::size_t LiveHub::subscribers() const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (const auto& [user, listeners] : listeners_) n += listeners.size();
  return n;
}

}  // namespace sp::notifications
