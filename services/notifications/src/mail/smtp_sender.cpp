#include "mail/smtp_sender.hpp"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

#include "mail/mime.hpp"

namespace sp::notifications::mail {
namespace {

struct Upload {
  const std::string* text;
  std::size_t at = 0;
};

std::size_t read_chunk(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t left = up->text->size() - up->at;
  const std::size_t n = std::min(room, left);
  std::memcpy(buffer, up->text->data() + up->at, n);
  up->at += n;
  return n;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

SmtpSender::SmtpSender(SmtpOptions options) : options_(std::move(options)) {
  global_init();
}

Status SmtpSender::send(const std::string& from_address, const std::string& to_address,
                        const std::string& message) const {
  if (options_.url.empty()) return Error::unavailable("no SMTP server configured");
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Error::unavailable("libcurl could not start");
  const std::string from = "<" + header_safe(from_address) + ">";
  const std::string to = "<" + header_safe(to_address) + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  Upload upload{&message};
  curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_chunk);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  if (options_.starttls) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (options_.username) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username->c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.value_or("").c_str());
  }
  CURLcode rc = curl_easy_perform(curl);
  long smtp_code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &smtp_code);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (rc == CURLE_OK) return ok_status();
  std::string why =
      std::string(curl_easy_strerror(rc)) + " (SMTP " + std::to_string(smtp_code) + ")";
  if (smtp_code >= 500 && smtp_code < 600) {
    return Error(ErrorCode::kInvalidArgument, "the SMTP server refused the mail", why);
  }
  return Error(ErrorCode::kUnavailable, "the SMTP server could not take the mail", why);
}

}  // namespace sp::notifications::mail
