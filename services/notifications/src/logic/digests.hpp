#pragma once
// Email digests, daily or weekly at 08:00 in the user's time zone (weekly: Mondays): the user's
// new followers, likes and views on their posts for the period, and the most liked new posts of
// creators they follow. Made once per user and period (a `digests` row written in the transaction
// that queues the mail), so a restart or a second replica never makes one twice. A period counts
// only when it ends after the user chose the frequency.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "logic/inbox_context.hpp"

namespace sp::notifications {

struct DigestPeriod {
  std::string key;       // "daily:2026-12-03" / "weekly:2026-11-30" (the local date it ends on)
  int64_t start_ms = 0;  // UTC
  int64_t end_ms = 0;    // UTC: the 08:00 local boundary
};

// The latest period that ended at or before `now_ms` for `frequency` (daily | weekly) with the
// zone's offset `offset_ms`; nullopt for another frequency.
std::optional<DigestPeriod> latest_digest_period(std::string_view frequency, int64_t offset_ms,
                                                 int64_t now_ms);

class DigestRunner {
 public:
  explicit DigestRunner(const InboxContext& ctx) : ctx_(ctx) {}
  // Makes every digest that is due and not made yet; returns how many were made.
  int run_once();

 private:
  const InboxContext& ctx_;
};

}  // namespace sp::notifications
