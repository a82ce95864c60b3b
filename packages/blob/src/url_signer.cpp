#include "strangeprompt/blob/url_signer.hpp"

#include <charconv>

#include "strangeprompt/security/digest.hpp"
#include "strangeprompt/security/encoding.hpp"

namespace sp::blob {

Result<UrlSigner> UrlSigner::create(std::string secret, const Clock& clock) {
  if (secret.size() < kMinSecretBytes) {
    return Error::invalid("url signing secret must have at least 32 bytes");
  }
  return UrlSigner(std::move(secret), clock);
}

std::string UrlSigner::signature(std::string_view path, std::string_view exp) const {
  // The newline cannot occur in a URL path, so (path, exp) pairs cannot be confused.
  std::string message;
  message.reserve(path.size() + exp.size() + 1);
  message.append(path).append("\n").append(exp);
  return security::base64url_encode(security::hmac_sha256(secret_, message));
}

std::string UrlSigner::sign(std::string_view path, std::chrono::seconds ttl) const {
  const std::string exp = std::to_string(clock_->now_seconds() + ttl.count());
  return "?exp=" + exp + "&sig=" + signature(path, exp);
}

Status UrlSigner::verify(std::string_view path, std::string_view exp, std::string_view sig) const {
  int64_t expires = 0;
  const auto [end, ec] = std::from_chars(exp.data(), exp.data() + exp.size(), expires);
  if (exp.empty() || ec != std::errc() || end != exp.data() + exp.size() || exp[0] == '-') {
    return Error::forbidden("invalid signed url");
  }
  const std::string expected = signature(path, exp);
  if (!security::constant_time_equals(sig, expected)) {
    return Error::forbidden("invalid signed url");
  }
  if (clock_->now_seconds() >= expires) return Error{ErrorCode::kGone, "signed url expired"};
  return ok_status();
}

}  // namespace sp::blob
