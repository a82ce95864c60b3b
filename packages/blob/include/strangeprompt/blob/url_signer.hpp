#pragma once
// Signed, expiring URLs for private media: HMAC-SHA256 over the path and the expiry, appended as
// "?exp=<unix seconds>&sig=<base64url>". Verification is constant-time.
#include <chrono>
#include <string>
#include <string_view>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::blob {

class UrlSigner {
 public:
  static constexpr std::size_t kMinSecretBytes = 32;

  // kInvalidArgument when `secret` is shorter than kMinSecretBytes. `clock` must outlive the
  // signer.
  static Result<UrlSigner> create(std::string secret, const Clock& clock = Clock::system());

  // The query string ("?exp=...&sig=...") that makes `path` valid for `ttl` from now.
  std::string sign(std::string_view path, std::chrono::seconds ttl) const;
  // ok for a matching signature not yet expired; kPermissionDenied for a missing, malformed or
  // wrong signature (checked first), kGone once expired.
  Status verify(std::string_view path, std::string_view exp, std::string_view sig) const;

 private:
  UrlSigner(std::string secret, const Clock& clock) : secret_(std::move(secret)), clock_(&clock) {}
  std::string signature(std::string_view path, std::string_view exp) const;

  std::string secret_;
  const Clock* clock_;
};

}  // namespace sp::blob
