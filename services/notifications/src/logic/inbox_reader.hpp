#pragma once
// The reading side of the inbox: pages, unread counts, marking read, stream tickets and live
// streams (a stream sends the rows after Last-Event-ID, then every new row as the hub signals).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "logic/inbox_context.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::http {
class EventStream;
}

namespace sp::notifications {

inline constexpr int64_t kTicketTtlMs = 60'000;

struct InboxPage {
  std::vector<Notification> rows;  // up to limit + 1, newest first
  std::vector<std::string> items;  // JSON of each row
  int64_t unread_count = 0;
};

class InboxReader {
 public:
  InboxReader(const InboxContext& ctx, std::chrono::milliseconds heartbeat)
      : ctx_(ctx), heartbeat_(heartbeat) {}

  Result<InboxPage> page(int64_t user, std::optional<int64_t> before, bool unread_only,
                         std::size_t limit) const;
  // Marks the caller's `ids` (others' ids are ignored) or all read; returns the unread count.
  Result<int64_t> mark_read(int64_t user, const std::vector<int64_t>& ids) const;
  Result<int64_t> mark_all_read(int64_t user) const;
  // A single-use ticket valid for kTicketTtlMs; only its SHA-256 is stored.
  Result<std::string> issue_ticket(int64_t user) const;
  // The ticket's user; kUnauthenticated when unknown, used or expired.
  Result<int64_t> redeem_ticket(std::string_view ticket) const;
  // A live stream of the user's notifications after `last_event_id` (none: only new ones).
  Result<std::shared_ptr<http::EventStream>> open_stream(
      int64_t user, std::optional<int64_t> last_event_id) const;
  // One-click unsubscribe (RFC 8058): stops the token's category of mail for its user; returns
  // the category. kInvalidArgument (field `token`) for a token we did not sign.
  Result<std::string> unsubscribe(std::string_view token) const;
  // The inbox item JSON of a row (actors from our copy of users).
  Result<std::string> render(NotificationReads& reads, const Notification& n) const;

 private:
  const InboxContext& ctx_;
  std::chrono::milliseconds heartbeat_;
};

}  // namespace sp::notifications
