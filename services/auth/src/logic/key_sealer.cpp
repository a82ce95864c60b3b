#include "logic/key_sealer.hpp"

#include <sodium.h>

#include <stdexcept>

#include "strangeprompt/security/digest.hpp"
#include "strangeprompt/security/encoding.hpp"
#include "strangeprompt/security/random.hpp"

namespace sp::auth {
namespace {

constexpr std::string_view kSealedPrefix = "sealed.v1:";
constexpr std::string_view kPlainPrefix = "plain:";

unsigned char* bytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}
const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

KeySealer::KeySealer(std::optional<std::string> kek) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (kek && !kek->empty()) key_ = security::sha256(*kek);
}

std::string KeySealer::seal(std::string_view plaintext) const {
  if (!key_) return std::string(kPlainPrefix) + std::string(plaintext);
  std::string out = security::random_bytes(crypto_secretbox_NONCEBYTES);
  out.resize(out.size() + crypto_secretbox_MACBYTES + plaintext.size());
  crypto_secretbox_easy(bytes(out) + crypto_secretbox_NONCEBYTES, bytes(plaintext),
                        plaintext.size(), bytes(out), bytes(*key_));
  return std::string(kSealedPrefix) + security::base64url_encode(out);
}

Result<std::string> KeySealer::unseal(std::string_view stored) const {
  if (stored.starts_with(kPlainPrefix)) return std::string(stored.substr(kPlainPrefix.size()));
  if (!stored.starts_with(kSealedPrefix)) {
    return Error::internal_error("signing keys: unknown storage format");
  }
  if (!key_) {
    return Error::internal_error("signing keys are sealed but auth.signing_key_kek is not set");
  }
  auto box = security::base64url_decode(stored.substr(kSealedPrefix.size()));
  if (!box || box->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Error::internal_error("signing keys: malformed sealed value");
  }
  const std::size_t cipher_len = box->size() - crypto_secretbox_NONCEBYTES;
  std::string plain(cipher_len - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(bytes(plain), bytes(*box) + crypto_secretbox_NONCEBYTES,
                                 cipher_len, bytes(*box), bytes(*key_)) != 0) {
    return Error::internal_error("signing keys: wrong auth.signing_key_kek or tampered value");
  }
  return plain;
}

}  // namespace sp::auth
