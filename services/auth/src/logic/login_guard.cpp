#include "logic/login_guard.hpp"

#include <algorithm>

namespace sp::auth {
namespace {

Error too_many_attempts(int64_t retry_after_ms) {
  Error e{ErrorCode::kRateLimited, "too many failed log-in attempts; try again later"};
  e.retry_after_seconds = static_cast<int>(std::max<int64_t>(1, (retry_after_ms + 999) / 1000));
  return e;
}

}  // namespace

Status LoginGuard::admit() const {
  const int64_t now = ctx_.now_ms();
  SP_ASSIGN_OR_RETURN(ThrottleState account, ctx_.store.throttle_state(account_));
  SP_ASSIGN_OR_RETURN(ThrottleState address, ctx_.store.throttle_state(address_));
  const ThrottleVerdict by_account = evaluate(ctx_.settings.account_throttle, account, now);
  const ThrottleVerdict by_address = evaluate(ctx_.settings.address_throttle, address, now);
  if (by_account.locked) {
    return Error{ErrorCode::kRateLimited,
                 "too many failed log-in attempts; reset your password to continue"};
  }
  if (by_account.allowed && by_address.allowed) return ok_status();
  return too_many_attempts(std::max(by_account.retry_after_ms, by_address.retry_after_ms));
}

Status LoginGuard::record_failure(AuthTransaction& tx) const {
  const int64_t now = ctx_.now_ms();
  SP_TRY(tx.record_failure(account_, now, forget_before(ctx_.settings.account_throttle, now)));
  return tx.record_failure(address_, now, forget_before(ctx_.settings.address_throttle, now));
}

Status LoginGuard::record_success(AuthTransaction& tx) const {
  return tx.clear_failures(account_);
}

}  // namespace sp::auth
