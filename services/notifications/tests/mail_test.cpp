// Mail pieces that need no server: header-injection safety, the multipart layout, RFC 8058
// headers, unsubscribe tokens, backoff.
#include <gtest/gtest.h>

#include "logic/mail_outbox.hpp"
#include "mail/mime.hpp"
#include "mail/templates.hpp"
#include "mail/unsubscribe_token.hpp"

namespace sp::notifications {
namespace {

// The header lines of a rendered message (up to the blank line).
std::vector<std::string> header_lines(const std::string& message) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (true) {
    std::size_t end = message.find("\r\n", at);
    if (end == std::string::npos || end == at) break;
    out.push_back(message.substr(at, end - at));
    at = end + 2;
  }
  return out;
}

mail::MailMessage message() {
  return {.from_address = "no-reply@sp.example",
          .from_name = "StrangePrompt",
          .to_address = "ann@example.com",
          .to_name = "Ann",
          .subject = "Hello",
          .text_body = "text",
          .html_body = "<p>html</p>",
          .message_id = "42@strangeprompt",
          .unsubscribe_url = "https://sp.example/v1/notifications/unsubscribe?token=t",
          .date_ms = 1'750'000'000'000};
}

TEST(Mime, CrLfInNamesSubjectsAndAddressesCannotAddHeaders) {
  mail::MailMessage m = message();
  m.subject = "Hi\r\nBcc: victim@example.com";
  m.to_name = "Eve\r\nX-Injected: 1";
  m.from_name = "Sp\nReply-To: evil@example.com";
  m.to_address = "ann@example.com\r\nCc: other@example.com";
  m.unsubscribe_url = "https://sp.example/u\r\nX-Evil: 2";
  const std::string text = mail::render(m);
  for (const std::string& line : header_lines(text)) {
    EXPECT_NE(line.rfind("Bcc:", 0), 0u) << line;
    EXPECT_NE(line.rfind("X-Injected:", 0), 0u) << line;
    EXPECT_NE(line.rfind("Reply-To:", 0), 0u) << line;
    EXPECT_NE(line.rfind("Cc:", 0), 0u) << line;
    EXPECT_NE(line.rfind("X-Evil:", 0), 0u) << line;
  }
  EXPECT_EQ(mail::header_safe("a\r\nb\tc"), "ab c");
}

TEST(Mime, MultipartAlternativeWithOneClickUnsubscribeHeaders) {
  const std::string text = mail::render(message());
  auto lines = header_lines(text);
  auto has = [&](const std::string& l) {
    return std::find(lines.begin(), lines.end(), l) != lines.end();
  };
  EXPECT_TRUE(has("List-Unsubscribe: <https://sp.example/v1/notifications/unsubscribe?token=t>"));
  EXPECT_TRUE(has("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
  EXPECT_TRUE(has("Message-ID: <42@strangeprompt>"));
  EXPECT_TRUE(has("To: \"Ann\" <ann@example.com>"));
  EXPECT_NE(text.find("Content-Type: multipart/alternative; boundary="), std::string::npos);
  EXPECT_LT(text.find("Content-Type: text/plain"), text.find("Content-Type: text/html"));
  mail::MailMessage transactional = message();
  transactional.unsubscribe_url.clear();
  EXPECT_EQ(mail::render(transactional).find("List-Unsubscribe"), std::string::npos);
}

TEST(Mime, NonAsciiSubjectsAreEncodedWords) {
  EXPECT_EQ(mail::encode_word("plain"), "plain");
  EXPECT_EQ(mail::encode_word("caf\xc3\xa9"), "=?UTF-8?B?Y2Fmw6k=?=");
}

TEST(Templates, UserValuesAreEscapedInHtml) {
  auto m = mail::notification_mail("<b>ann</b>", "x & y", "https://sp.example/n?a=1&b=2",
                                   "https://sp.example/u");
  EXPECT_EQ(m.html.find("<b>ann</b>"), std::string::npos);
  EXPECT_NE(m.html.find("&lt;b&gt;ann&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(m.html.find("a=1&amp;b=2"), std::string::npos);
  EXPECT_NE(m.text.find("https://sp.example/u"), std::string::npos);
}

TEST(UnsubscribeToken, RoundTripsAndRefusesForgeriesAndOtherKeys) {
  const std::string key = "0123456789abcdef0123456789abcdef";
  std::string token = mail::unsubscribe_token(key, 77, "likes");
  auto opened = mail::open_unsubscribe_token(key, token);
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(opened->user_id, 77);
  EXPECT_EQ(opened->category, "likes");
  EXPECT_FALSE(mail::open_unsubscribe_token("another-key-another-key-0000", token));
  std::string moved = token;
  moved.replace(0, 2, "78");
  EXPECT_FALSE(mail::open_unsubscribe_token(key, moved));
  EXPECT_FALSE(mail::open_unsubscribe_token(key, "garbage"));
  EXPECT_FALSE(mail::open_unsubscribe_token(key, ""));
}

TEST(MailBackoff, DoublesFromOneSecondUpToAnHour) {
  EXPECT_EQ(mail_backoff_ms(0), 1000);
  EXPECT_EQ(mail_backoff_ms(1), 2000);
  EXPECT_EQ(mail_backoff_ms(3), 8000);
  EXPECT_EQ(mail_backoff_ms(40), 3'600'000);
}

}  // namespace
}  // namespace sp::notifications
