#include "logic/digests.hpp"

#include <ctime>

#include "logic/mail_outbox.hpp"
#include "logic/rules.hpp"
#include "logic/time_zone.hpp"
#include "mail/templates.hpp"
#include "strangeprompt/core/log.hpp"

namespace sp::notifications {
namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kEightAm = 8 * 3'600'000;

int64_t floor_div(int64_t a, int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

std::string date_of_day(int64_t day) {
  std::time_t t = static_cast<std::time_t>(day * 86'400);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return std::string(buf, n);
}

}  // namespace

std::optional<DigestPeriod> latest_digest_period(std::string_view frequency, int64_t offset_ms,
                                                 int64_t now_ms) {
  const int64_t local = now_ms + offset_ms;
  const int64_t day = floor_div(local, kDayMs);
  const int64_t time_of_day = local - day * kDayMs;
  int64_t boundary_day = 0;
  int64_t length = 0;
  if (frequency == "daily") {
    boundary_day = time_of_day >= kEightAm ? day : day - 1;
    length = kDayMs;
  } else if (frequency == "weekly") {
    const int64_t weekday = ((day + 3) % 7 + 7) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
    boundary_day = day - weekday;
    if (weekday == 0 && time_of_day < kEightAm) boundary_day -= 7;
    length = 7 * kDayMs;
  } else {
    return std::nullopt;
  }
  const int64_t end = boundary_day * kDayMs + kEightAm - offset_ms;
  return DigestPeriod{.key = std::string(frequency) + ":" + date_of_day(boundary_day),
                      .start_ms = end - length,
                      .end_ms = end};
}

int DigestRunner::run_once() {
  auto subscribers = ctx_.store.reads().digest_subscribers();
  if (!subscribers.ok()) {
    log_warn("notifications", "digest scan failed", {{"error", subscribers.error().message}});
    return 0;
  }
  int made = 0;
  const int64_t now = ctx_.now_ms();
  for (const DigestSubscriber& s : *subscribers) {
    auto period = latest_digest_period(s.digest, utc_offset_ms(s.timezone, now), now);
    if (!period || period->end_ms <= s.since_ms) continue;
    bool wrote = false;
    Status st = ctx_.store.transact([&](NotificationWrites& tx) -> Status {
      SP_ASSIGN_OR_RETURN(DigestStats stats,
                          tx.digest_stats(s.user_id, period->start_ms, period->end_ms));
      SP_ASSIGN_OR_RETURN(wrote, tx.insert_digest(s.user_id, period->key, stats.views_total, now));
      if (!wrote) return ok_status();  // made before (another run, replica or a restart)
      SP_ASSIGN_OR_RETURN(bool opted_out, tx.opted_out(s.user_id, "digest"));
      SP_ASSIGN_OR_RETURN(std::string address, tx.email_of(s.user_id));
      SP_ASSIGN_OR_RETURN(std::optional<Actor> who, tx.actor(s.user_id));
      if (opted_out || address.empty() || !who) return ok_status();
      std::vector<std::pair<std::string, int64_t>> top;
      for (const auto& p : stats.top_new_posts) top.emplace_back(p.title, p.likes);
      const std::string unsubscribe = unsubscribe_url(ctx_, s.user_id, "digest");
      return queue_mail(ctx_, tx,
                        "digest:" + period->key + ":" + std::to_string(s.user_id) + ":email",
                        s.user_id, address, who->display_name,
                        mail::digest_mail(who->handle, s.digest == "daily" ? "day" : "week",
                                          stats.new_followers, stats.likes, stats.views_in_period,
                                          top, ctx_.mail.public_base_url, unsubscribe),
                        unsubscribe);
    });
    if (!st.ok()) {
      log_warn("notifications", "digest failed",
               {{"user", std::to_string(s.user_id)}, {"error", st.error().message}});
      continue;
    }
    if (wrote) ++made;
  }
  return made;
}

}  // namespace sp::notifications
