#include "strangeprompt/security/key_ring.hpp"

namespace sp::security {

KeyRing::KeyRing(SigningKeySet keys)
    : keys_(std::make_shared<const SigningKeySet>(std::move(keys))) {}

std::shared_ptr<const SigningKeySet> KeyRing::snapshot() const {
  std::lock_guard lock(mu_);
  return keys_;
}

void KeyRing::replace(SigningKeySet keys) {
  auto next = std::make_shared<const SigningKeySet>(std::move(keys));
  std::lock_guard lock(mu_);
  keys_ = std::move(next);
}

SigningKeySet KeyRing::rotate(int64_t now, std::chrono::seconds grace) {
  std::lock_guard lock(mu_);  // held across the copy so two rotations cannot lose one
  SigningKeySet next = *keys_;
  next.rotate(now, grace);
  keys_ = std::make_shared<const SigningKeySet>(next);
  return next;
}

}  // namespace sp::security
