#include "strangeprompt/blob/url_signer.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>

namespace sp::blob {
namespace {

std::string base64url(const unsigned char* data, std::size_t size) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((size * 4 + 2) / 3);
  for (std::size_t i = 0; i < size; i += 3) {
    const uint32_t n = (uint32_t{data[i]} << 16) | (i + 1 < size ? uint32_t{data[i + 1]} << 8 : 0) |
                       (i + 2 < size ? uint32_t{data[i + 2]} : 0);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    if (i + 1 < size) out.push_back(kAlphabet[(n >> 6) & 63]);
    if (i + 2 < size) out.push_back(kAlphabet[n & 63]);
  }
  return out;
}

}  // namespace

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
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &mac_size);
  return base64url(mac, mac_size);
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
  if (sig.size() != expected.size() ||
      CRYPTO_memcmp(sig.data(), expected.data(), sig.size()) != 0) {
    return Error::forbidden("invalid signed url");
  }
  if (clock_->now_seconds() >= expires) return Error{ErrorCode::kGone, "signed url expired"};
  return ok_status();
}

}  // namespace sp::blob
