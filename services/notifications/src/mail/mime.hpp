#pragma once
// RFC 5322 / 2045 message text for one mail: multipart/alternative (text, then HTML), UTF-8,
// quoted-printable-free base64 bodies, RFC 2047 encoded subject and display names. Header
// injection is impossible by construction: CR and LF are removed from every header value and
// address before it is written, so no value can start a new header line.
#include <string>
#include <string_view>
#include <vector>

namespace sp::notifications::mail {

struct MailMessage {
  std::string from_address;  // e.g. no-reply@strangeprompt.local
  std::string from_name;
  std::string to_address;
  std::string to_name;
  std::string subject;
  std::string text_body;
  std::string html_body;
  std::string message_id;       // without angle brackets: "<outbox id>.<hash>@strangeprompt"
  std::string unsubscribe_url;  // empty: no List-Unsubscribe headers (transactional mail)
  int64_t date_ms = 0;
};

// The whole message (headers, blank line, body), CRLF line endings.
std::string render(const MailMessage& m);

// `value` without CR, LF and other control characters (what every header value goes through).
std::string header_safe(std::string_view value);
// RFC 2047 "=?UTF-8?B?...?=" when `text` is not plain printable ASCII, else `text`.
std::string encode_word(std::string_view text);
// HTML text escaping (&, <, >, ", ').
std::string html_escape(std::string_view text);

}  // namespace sp::notifications::mail
