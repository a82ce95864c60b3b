#pragma once
// The mails' words: subject, text and HTML for each mail kind. Pure; every user-supplied value
// is HTML-escaped in the HTML part.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sp::notifications::mail {

struct MailContent {
  std::string subject;
  std::string text;
  std::string html;
};

// user.signup: verify the address at <base>/verify-email?token=...
MailContent verification_mail(std::string_view handle, std::string_view link);
// user.password_reset_requested: <base>/reset-password?token=...
MailContent reset_mail(std::string_view handle, std::string_view link);
// A notification by email (follow, comment, remix, like_milestone): `line` says what happened,
// `link` opens it, `unsubscribe` stops this category's mails.
MailContent notification_mail(std::string_view handle, std::string_view line, std::string_view link,
                              std::string_view unsubscribe);

// The daily or weekly digest (`period` is "day" or "week"); `top` = (title, likes), most liked
// first.
MailContent digest_mail(std::string_view handle, std::string_view period, int64_t new_followers,
                        int64_t likes, int64_t views,
                        const std::vector<std::pair<std::string, int64_t>>& top,
                        std::string_view base_url, std::string_view unsubscribe);

}  // namespace sp::notifications::mail
