#pragma once
// SHA-256 and HMAC-SHA256. Results are 32 raw bytes unless the name says hex.
#include <string>
#include <string_view>

namespace sp::security {

std::string sha256(std::string_view data);
// Lowercase hex of sha256(data): 64 characters.
std::string sha256_hex(std::string_view data);
// RFC 2104 HMAC with SHA-256; any key length (keys longer than 64 bytes are hashed first).
std::string hmac_sha256(std::string_view key, std::string_view message);

// SHA-256 fed piece by piece (a body hashed as it streams to disk).
class Sha256Stream {
 public:
  Sha256Stream();
  void update(std::string_view data);
  // Lowercase hex of the digest of everything fed; call once, last.
  std::string finish_hex();

 private:
  alignas(16) unsigned char state_[128];  // crypto_hash_sha256_state (checked in digest.cpp)
};

}  // namespace sp::security
