#pragma once
// Mail: queueing in the transaction that handled an event (one row per event, recipient and
// channel), and the sender that drains the queue over SMTP with retries and backoff.
//
// Delivery guarantee: a queued mail is never lost (the row commits with the event) and never
// queued twice (dedupe key); the sender marks it sent after the server's 250. A crash in the
// window between that 250 and our commit resends it once with the same Message-ID, which the
// receiving side can drop; outside that window (milliseconds) there is exactly one transmission.
#include <cstdint>
#include <string>
#include <string_view>

#include "logic/inbox_context.hpp"
#include "mail/smtp_sender.hpp"
#include "mail/templates.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::notifications {

inline constexpr int64_t kMaxMailAttempts = 8;

// Backoff before attempt `attempts + 1`: 1 s, 2 s, 4 s, ... capped at one hour.
int64_t mail_backoff_ms(int64_t attempts);

// Queues a transactional mail (verification, reset) to `to_address`; no-op when mail is off.
Status queue_mail(const InboxContext& ctx, NotificationWrites& tx, std::string dedupe_key,
                  int64_t user, std::string_view to_address, std::string_view to_name,
                  const mail::MailContent& content, std::string_view unsubscribe_url);
// Queues a notification mail when the user's email channel for `category` is on, they did not
// unsubscribe from it, and we know their address.
Status queue_notification_mail(const InboxContext& ctx, NotificationWrites& tx,
                               std::string_view event_id, int64_t user, std::string_view category,
                               std::string_view line);
// <base>/v1/notifications/unsubscribe?token=...
std::string unsubscribe_url(const InboxContext& ctx, int64_t user, std::string_view category);

class MailSender {
 public:
  MailSender(const InboxContext& ctx, const mail::SmtpSender& smtp) : ctx_(ctx), smtp_(smtp) {}
  // Sends what is due (up to `batch`); returns how many were sent.
  int run_once(std::size_t batch = 50);

 private:
  const InboxContext& ctx_;
  const mail::SmtpSender& smtp_;
};

}  // namespace sp::notifications
