#pragma once
// When a failed log-in subject may try again. Pure policy over a ThrottleState: the first
// `free_failures` failures cost nothing, each further one doubles the wait from `base_delay` up to
// `max_delay`; at `lock_after` consecutive failures the subject is locked (only a password reset
// clears an account), so no more than that many wrong passwords are ever evaluated.
#include <cstdint>
#include <string>
#include <string_view>

#include "store/records.hpp"

namespace sp::auth {

struct ThrottlePolicy {
  int64_t free_failures = 5;
  int64_t base_delay_ms = 1'000;
  int64_t max_delay_ms = 15 * 60 * 1'000;
  int64_t lock_after = 0;       // 0: never locks
  int64_t forget_after_ms = 0;  // a count idle this long restarts; 0: only success clears it

  // Consecutive failures per account: NIST SP 800-63B allows at most 100.
  static ThrottlePolicy per_account() { return {5, 1'000, 15 * 60 * 1'000, 100, 0}; }
  // Distinct accounts (or unknown log-in names) failing from one client address, forgotten after
  // an hour of quiet (LoginGuard counts an account once per address).
  static ThrottlePolicy per_address() { return {20, 1'000, 15 * 60 * 1'000, 0, 3'600'000}; }

  // The wait imposed after the `failures`-th consecutive failure.
  int64_t delay_after(int64_t failures) const;
};

struct ThrottleVerdict {
  bool allowed = true;
  bool locked = false;
  int64_t retry_after_ms = 0;  // when refused and not locked
};

ThrottleVerdict evaluate(const ThrottlePolicy& policy, const ThrottleState& state, int64_t now_ms);
// The `forget_before_ms` argument for AuthTransaction::record_failure.
int64_t forget_before(const ThrottlePolicy& policy, int64_t now_ms);

// Throttle subjects: a known account by id, an unknown log-in name by its text (so unknown names
// are throttled exactly like real ones), a client by address.
std::string account_subject(int64_t user_id);
std::string login_subject(std::string_view normalised_login);
std::string address_subject(std::string_view address);

}  // namespace sp::auth
