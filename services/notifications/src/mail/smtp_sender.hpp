#pragma once
// Sends one rendered message over SMTP with libcurl: smtp:// (STARTTLS required when
// `starttls`), smtps://, AUTH when a username is set. Errors: kUnavailable for what may pass
// (connection, timeouts, 4xx), kInvalidArgument for a permanent refusal (5xx).
#include <chrono>
#include <optional>
#include <string>

#include "strangeprompt/core/result.hpp"

namespace sp::notifications::mail {

struct SmtpOptions {
  std::string url;  // e.g. smtp://127.0.0.1:2525; empty = email disabled
  std::optional<std::string> username;
  std::optional<std::string> password;
  bool starttls = false;
  std::chrono::milliseconds timeout{30'000};
};

class SmtpSender {
 public:
  explicit SmtpSender(SmtpOptions options);
  bool enabled() const { return !options_.url.empty(); }
  Status send(const std::string& from_address, const std::string& to_address,
              const std::string& message) const;

 private:
  SmtpOptions options_;
};

}  // namespace sp::notifications::mail
