#pragma once
// Encryption at rest for the stored signing keys. With a key-encryption key (KEK) from config the
// key set is sealed with XSalsa20-Poly1305 (libsodium secretbox, key = SHA-256 of the KEK) and a
// fresh nonce; without one it is stored as-is, marked "plain:", and the service warns at start.
#include <optional>
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp::auth {

class KeySealer {
 public:
  explicit KeySealer(std::optional<std::string> kek);

  bool encrypts() const { return key_.has_value(); }
  // "sealed.v1:" + base64url(nonce || ciphertext), or "plain:" + text without a KEK.
  std::string seal(std::string_view plaintext) const;
  // The plaintext; kInternal for a sealed value without a KEK, a wrong KEK or tampered bytes.
  Result<std::string> unseal(std::string_view stored) const;

 private:
  std::optional<std::string> key_;  // 32 bytes
};

}  // namespace sp::auth
