#pragma once
// What every notifications flow works with: the store, time, ids, the live hub, and the lock
// that makes notification ids commit in the order they were drawn (so a stream resuming from
// Last-Event-ID never skips a row committed late with a smaller id).
#include <mutex>
#include <string>

#include "logic/live_hub.hpp"
#include "store/notification_store.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/id.hpp"

namespace sp::notifications {

// What the mails need: whether an SMTP server is configured (no server, no mail queued), the
// sender, the web app's public base URL (links) and the unsubscribe token key.
struct MailSettings {
  bool enabled = false;
  std::string from_address = "no-reply@strangeprompt.local";
  std::string from_name = "StrangePrompt";
  std::string public_base_url = "http://localhost:8080";
  std::string unsubscribe_key;
  // How long a claimed mail is left to its sender before another attempt may take it (a sender
  // killed mid-send leaves its claim; the mail goes out once the lease ends).
  int64_t lease_ms = 120'000;
};

struct InboxContext {
  NotificationStore& store;
  const Clock& clock;
  IdGenerator& ids;
  LiveHub& hub;
  std::mutex& write_order;
  const MailSettings& mail;
  int64_t now_ms() const { return clock.now_ms(); }
};

}  // namespace sp::notifications
