#pragma once
// The notifications service's objects, built once the database is migrated.
#include <chrono>
#include <cstdint>
#include <mutex>

#include "handlers/notifications_api.hpp"
#include "logic/digests.hpp"
#include "logic/inbox_reader.hpp"
#include "logic/live_hub.hpp"
#include "logic/mail_outbox.hpp"
#include "logic/sources.hpp"
#include "store/notification_store.hpp"

namespace sp::notifications {

class NotificationsRuntime {
 public:
  NotificationsRuntime(db::Database& db, const Clock& clock, uint32_t node, http::Pager pager,
                       std::chrono::milliseconds heartbeat, MailSettings mail,
                       mail::SmtpOptions smtp)
      : store_(db),
        ids_(clock, node),
        mail_settings_(std::move(mail)),
        ctx_{store_, clock, ids_, hub_, write_order_, mail_settings_},
        smtp_(std::move(smtp)),
        mail_sender_(ctx_, smtp_),
        digests_(ctx_),
        sources_(ctx_),
        inbox_(ctx_, heartbeat),
        pager_(std::move(pager)),
        api_{inbox_, pager_} {}
  NotificationsRuntime(const NotificationsRuntime&) = delete;
  NotificationsRuntime& operator=(const NotificationsRuntime&) = delete;

  const NotificationsApi& api() const { return api_; }
  NotificationSources& sources() { return sources_; }
  MailSender& mail_sender() { return mail_sender_; }
  DigestRunner& digests() { return digests_; }
  LiveHub& hub() { return hub_; }

 private:
  NotificationStore store_;
  IdGenerator ids_;
  LiveHub hub_;
  std::mutex write_order_;
  MailSettings mail_settings_;
  InboxContext ctx_;
  mail::SmtpSender smtp_;
  MailSender mail_sender_;
  DigestRunner digests_;
  NotificationSources sources_;
  InboxReader inbox_;
  http::Pager pager_;
  NotificationsApi api_;
};

}  // namespace sp::notifications
