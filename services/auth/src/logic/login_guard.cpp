#include "logic/login_guard.hpp"

#include <algorithm>

namespace sp::auth {
namespace {

Error too_many_attempts(int64_t retry_after_ms) {
  Error e{ErrorCode::kRateLimited, "too many failed log-in attempts; try again later"};
  e.retry_after_seconds = static_cast<int>(std::max<int64_t>(1, (retry_after_ms + 999) / 1000));
  return e;
}

Error locked() {
  return Error{ErrorCode::kRateLimited,
               "too many failed log-in attempts; reset your password to continue"};
}

}  // namespace

LoginGuard LoginGuard::for_device(const AuthContext& ctx, std::string device) {
  LoginGuard guard(ctx, {}, {});
  guard.device_ = std::move(device);
  return guard;
}

Status LoginGuard::admit() const {
  const int64_t now = ctx_.now_ms();
  if (device_) {
    SP_ASSIGN_OR_RETURN(ThrottleState device, ctx_.store.throttle_state(*device_));
    const ThrottleVerdict verdict = evaluate(ctx_.settings.account_throttle, device, now);
    if (verdict.locked) return locked();
    return verdict.allowed ? ok_status() : too_many_attempts(verdict.retry_after_ms);
  }
  SP_ASSIGN_OR_RETURN(ThrottleState account, ctx_.store.throttle_state(account_));
  SP_ASSIGN_OR_RETURN(ThrottleState address, ctx_.store.throttle_state(address_));
  const ThrottleVerdict by_account = evaluate(ctx_.settings.account_throttle, account, now);
  const ThrottleVerdict by_address = evaluate(ctx_.settings.address_throttle, address, now);
  if (by_account.locked) return locked();
  if (by_account.allowed && by_address.allowed) return ok_status();
  return too_many_attempts(std::max(by_account.retry_after_ms, by_address.retry_after_ms));
}

Status LoginGuard::record_failure(AuthTransaction& tx) const {
  const int64_t now = ctx_.now_ms();
  if (device_) {
    return tx.record_failure(*device_, now, forget_before(ctx_.settings.account_throttle, now));
  }
  SP_TRY(tx.record_failure(account_, now, forget_before(ctx_.settings.account_throttle, now)));
  // The address counts accounts, not attempts: only this account's first failure from this
  // address (within the address policy's memory) adds one.
  const int64_t address_forget = forget_before(ctx_.settings.address_throttle, now);
  SP_ASSIGN_OR_RETURN(int64_t from_here,
                      tx.count_failure(address_ + "|" + account_, now, address_forget));
  if (from_here != 1) return ok_status();
  return tx.record_failure(address_, now, address_forget);
}

Status LoginGuard::record_success(AuthTransaction& tx) const {
  return tx.clear_failures(device_ ? *device_ : account_);
}

}  // namespace sp::auth
