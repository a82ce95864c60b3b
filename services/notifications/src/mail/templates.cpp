#include "mail/templates.hpp"

#include "mail/mime.hpp"

namespace sp::notifications::mail {
namespace {

std::string page(std::string_view heading, std::string_view body_html) {
  return "<!doctype html><html><body style=\"font-family:sans-serif\"><h1>" + std::string(heading) +
         "</h1>" + std::string(body_html) + "</body></html>";
}

std::string button(std::string_view link, std::string_view label) {
  return "<p><a href=\"" + html_escape(link) + "\">" + html_escape(label) + "</a></p>";
}

}  // namespace

MailContent verification_mail(std::string_view handle, std::string_view link) {
  return {.subject = "Confirm your StrangePrompt email address",
          .text = "Hi " + std::string(handle) +
                  ",\n\nConfirm your email address by opening this link:\n" + std::string(link) +
                  "\n\nIf you did not sign up, ignore this mail.\n",
          .html = page("Confirm your email address",
                       "<p>Hi " + html_escape(handle) + ",</p>" + button(link, "Confirm") +
                           "<p>If you did not sign up, ignore this mail.</p>")};
}

MailContent reset_mail(std::string_view handle, std::string_view link) {
  return {.subject = "Reset your StrangePrompt password",
          .text = "Hi " + std::string(handle) +
                  ",\n\nChoose a new password here (the link works for 30 minutes):\n" +
                  std::string(link) + "\n\nIf you did not ask for this, ignore this mail.\n",
          .html = page("Reset your password",
                       "<p>Hi " + html_escape(handle) + ",</p>" +
                           button(link, "Choose a new password") +
                           "<p>The link works for 30 minutes. If you did not ask for this, "
                           "ignore this mail.</p>")};
}

MailContent notification_mail(std::string_view handle, std::string_view line, std::string_view link,
                              std::string_view unsubscribe) {
  return {.subject = std::string(line),
          .text = "Hi " + std::string(handle) + ",\n\n" + std::string(line) + "\n" +
                  std::string(link) + "\n\nStop these mails: " + std::string(unsubscribe) + "\n",
          .html = page(html_escape(line), "<p>Hi " + html_escape(handle) + ",</p>" +
                                              button(link, "Open StrangePrompt") +
                                              "<p><small><a href=\"" + html_escape(unsubscribe) +
                                              "\">Stop these mails</a></small></p>")};
}

MailContent digest_mail(std::string_view handle, std::string_view period, int64_t new_followers,
                        int64_t likes, int64_t views,
                        const std::vector<std::pair<std::string, int64_t>>& top,
                        std::string_view base_url, std::string_view unsubscribe) {
  const std::string figures = std::to_string(new_followers) + " new followers, " +
                              std::to_string(likes) + " likes and " + std::to_string(views) +
                              " views on your posts";
  std::string text =
      "Hi " + std::string(handle) + ",\n\nYour " + std::string(period) + ": " + figures + ".\n";
  std::string html = "<p>Hi " + html_escape(handle) + ",</p><p>Your " + html_escape(period) + ": " +
                     html_escape(figures) + ".</p>";
  if (!top.empty()) {
    text += "\nNew from creators you follow:\n";
    html += "<p>New from creators you follow:</p><ul>";
    for (const auto& [title, post_likes] : top) {
      text += "- " + title + " (" + std::to_string(post_likes) + " likes)\n";
      html += "<li>" + html_escape(title) + " (" + std::to_string(post_likes) + " likes)</li>";
    }
    html += "</ul>";
  }
  text += "\n" + std::string(base_url) + "\n\nStop digests: " + std::string(unsubscribe) + "\n";
  html += button(base_url, "Open StrangePrompt") + "<p><small><a href=\"" +
          html_escape(unsubscribe) + "\">Stop digests</a></small></p>";
  return {.subject = "Your StrangePrompt " + std::string(period) + " in review",
          .text = std::move(text),
          .html = page("Your " + std::string(period) + " in review", html)};
}

}  // namespace sp::notifications::mail
