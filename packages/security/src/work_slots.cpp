#include "strangeprompt/security/work_slots.hpp"

#include <stdexcept>

namespace sp::security {

WorkSlots::Lease::~Lease() {
  if (slots_ != nullptr) slots_->release();
}

WorkSlots::WorkSlots(int capacity) : capacity_(capacity) {
  if (capacity < 1) throw std::invalid_argument("WorkSlots capacity must be at least 1");
}

std::optional<WorkSlots::Lease> WorkSlots::acquire(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  if (!freed_.wait_for(lock, timeout, [&] { return in_use_ < capacity_; })) return std::nullopt;
  ++in_use_;
  return Lease(this);
}

int WorkSlots::in_use() const {
  std::lock_guard lock(mu_);
  return in_use_;
}

void WorkSlots::release() {
  {
    std::lock_guard lock(mu_);
    --in_use_;
  }
  freed_.notify_one();
}

}  // namespace sp::security
