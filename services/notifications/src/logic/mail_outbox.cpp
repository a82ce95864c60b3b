#include "logic/mail_outbox.hpp"

#include <algorithm>

#include "logic/rules.hpp"
#include "mail/mime.hpp"
#include "mail/unsubscribe_token.hpp"
#include "strangeprompt/core/log.hpp"

namespace sp::notifications {

int64_t mail_backoff_ms(int64_t attempts) {
  const int64_t shift = std::clamp<int64_t>(attempts, 0, 12);
  return std::min<int64_t>(1000LL << shift, 3'600'000);
}

std::string unsubscribe_url(const InboxContext& ctx, int64_t user, std::string_view category) {
  return ctx.mail.public_base_url + "/v1/notifications/unsubscribe?token=" +
         mail::unsubscribe_token(ctx.mail.unsubscribe_key, user, category);
}

Status queue_mail(const InboxContext& ctx, NotificationWrites& tx, std::string dedupe_key,
                  int64_t user, std::string_view to_address, std::string_view to_name,
                  const mail::MailContent& content, std::string_view unsubscribe) {
  if (!ctx.mail.enabled || to_address.empty()) return ok_status();
  const int64_t id = ctx.ids.next();
  mail::MailMessage m{.from_address = ctx.mail.from_address,
                      .from_name = ctx.mail.from_name,
                      .to_address = std::string(to_address),
                      .to_name = std::string(to_name),
                      .subject = content.subject,
                      .text_body = content.text,
                      .html_body = content.html,
                      .message_id = id_to_string(id) + "@strangeprompt",
                      .unsubscribe_url = std::string(unsubscribe),
                      .date_ms = ctx.now_ms()};
  OutboxMail row{.id = id,
                 .dedupe_key = std::move(dedupe_key),
                 .user_id = user,
                 .from_address = ctx.mail.from_address,
                 .to_address = mail::header_safe(to_address),
                 .message = mail::render(m),
                 .attempts = 0,
                 .created_at_ms = ctx.now_ms()};
  SP_ASSIGN_OR_RETURN([[maybe_unused]] bool queued, tx.enqueue_mail(row, ctx.now_ms()));
  return ok_status();
}

Status queue_notification_mail(const InboxContext& ctx, NotificationWrites& tx,
                               std::string_view event_id, int64_t user, std::string_view category,
                               std::string_view line) {
  if (!ctx.mail.enabled) return ok_status();
  SP_ASSIGN_OR_RETURN(Preferences prefs, tx.preferences(user));
  if (!email_allowed(prefs, category)) return ok_status();
  SP_ASSIGN_OR_RETURN(bool opted_out, tx.opted_out(user, category));
  if (opted_out) return ok_status();
  SP_ASSIGN_OR_RETURN(std::string address, tx.email_of(user));
  SP_ASSIGN_OR_RETURN(std::optional<Actor> who, tx.actor(user));
  if (address.empty() || !who) return ok_status();
  const std::string unsubscribe = unsubscribe_url(ctx, user, category);
  return queue_mail(
      ctx, tx, std::string(event_id) + ":" + std::to_string(user) + ":email", user, address,
      who->display_name,
      mail::notification_mail(who->handle, line, ctx.mail.public_base_url + "/notifications",
                              unsubscribe),
      unsubscribe);
}

int MailSender::run_once(std::size_t batch) {
  if (!smtp_.enabled()) return 0;
  auto due = ctx_.store.reads().due_mails(ctx_.now_ms(), batch);
  if (!due.ok()) {
    log_warn("notifications", "mail outbox read failed", {{"error", due.error().message}});
    return 0;
  }
  int sent = 0;
  for (const OutboxMail& m : *due) {
    bool claimed = false;
    Status claim = ctx_.store.transact([&](NotificationWrites& tx) -> Status {
      SP_ASSIGN_OR_RETURN(claimed, tx.claim_mail(m.id, ctx_.now_ms(), ctx_.mail.lease_ms));
      return ok_status();
    });
    if (!claim.ok() || !claimed) continue;
    Status result = smtp_.send(m.from_address, m.to_address, m.message);
    Status recorded = ctx_.store.transact([&](NotificationWrites& tx) -> Status {
      if (result.ok()) return tx.mail_sent(m.id, ctx_.now_ms());
      const int64_t attempts = m.attempts + 1;
      const std::string why = result.error().message + ": " + result.error().internal;
      if (result.error().code == ErrorCode::kInvalidArgument || attempts >= kMaxMailAttempts) {
        return tx.mail_failed(m.id, attempts, why);
      }
      return tx.mail_retry(m.id, attempts, ctx_.now_ms() + mail_backoff_ms(attempts), why);
    });
    if (!recorded.ok()) {
      log_warn("notifications", "could not record a mail's outcome",
               {{"error", recorded.error().message}});
    }
    if (result.ok()) {
      ++sent;
    } else {
      log_warn("notifications", "mail not sent",
               {{"error", result.error().message}, {"detail", result.error().internal}});
    }
  }
  return sent;
}

}  // namespace sp::notifications
