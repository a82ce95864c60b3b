#include "mail/mime.hpp"

#include <ctime>

#include "strangeprompt/security/digest.hpp"

namespace sp::notifications::mail {
namespace {

constexpr const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    auto n = (static_cast<unsigned char>(in[i]) << 16) |
             (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += kB64[(n >> 6) & 63];
    out += kB64[n & 63];
  }
  if (i < in.size()) {
    auto n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += i + 1 < in.size() ? kB64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Base64 folded at 76 characters a line.
std::string base64_lines(std::string_view in) {
  std::string b = base64(in);
  std::string out;
  for (std::size_t i = 0; i < b.size(); i += 76) {
    out += b.substr(i, 76);
    out += "\r\n";
  }
  return out;
}

bool plain_ascii(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) return false;
  }
  return true;
}

std::string mailbox(std::string_view name, std::string_view address) {
  std::string addr = header_safe(address);
  for (char c : std::string_view("<>,;\"")) std::erase(addr, c);
  std::string display = header_safe(name);
  if (display.empty()) return "<" + addr + ">";
  if (plain_ascii(display)) {
    std::string quoted;
    for (char c : display) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return "\"" + quoted + "\" <" + addr + ">";
  }
  return encode_word(display) + " <" + addr + ">";
}

std::string rfc5322_date(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return std::string(buf, n);
}

}  // namespace

std::string header_safe(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      if (c == '\t') out += ' ';
      continue;  // CR, LF and other controls never reach a header
    }
    out += c;
  }
  return out;
}

std::string encode_word(std::string_view text) {
  std::string safe = header_safe(text);
  if (plain_ascii(safe)) return safe;
  return "=?UTF-8?B?" + base64(safe) + "?=";
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render(const MailMessage& m) {
  const std::string boundary = "sp-" + security::sha256_hex(m.message_id).substr(0, 24);
  std::string out;
  out += "From: " + mailbox(m.from_name, m.from_address) + "\r\n";
  out += "To: " + mailbox(m.to_name, m.to_address) + "\r\n";
  out += "Subject: " + encode_word(m.subject) + "\r\n";
  out += "Date: " + rfc5322_date(m.date_ms) + "\r\n";
  out += "Message-ID: <" + header_safe(m.message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  if (!m.unsubscribe_url.empty()) {
    out += "List-Unsubscribe: <" + header_safe(m.unsubscribe_url) + ">\r\n";
    out += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  out += "\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += base64_lines(m.text_body);
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += base64_lines(m.html_body);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace sp::notifications::mail
