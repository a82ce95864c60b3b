#pragma once
// Compact JWS (RFC 7515) with Ed25519 signatures: the pieces the issuer, the verifier and the
// forgery tests share. No policy here: header and claim checks live in the verifier.
#include <optional>
#include <string>
#include <string_view>

namespace sp::security::detail {

inline constexpr std::size_t kEd25519PublicKeyBytes = 32;
inline constexpr std::size_t kEd25519SecretKeyBytes = 64;
inline constexpr std::size_t kEd25519SignatureBytes = 64;

struct CompactJws {
  std::string_view header;         // base64url, as sent
  std::string_view payload;        // base64url, as sent
  std::string_view signature;      // base64url, as sent
  std::string_view signing_input;  // "header.payload", the signed bytes
};

// Exactly three dot-separated segments; nullopt otherwise. Does not decode them.
std::optional<CompactJws> split_compact(std::string_view token);

// base64url(header) "." base64url(payload) "." base64url(Ed25519 signature).
std::string sign_compact(std::string_view header_json, std::string_view payload_json,
                         std::string_view secret_key);

std::string ed25519_sign(std::string_view message, std::string_view secret_key);
bool ed25519_verify(std::string_view message, std::string_view signature,
                    std::string_view public_key);
// Whether `secret_key` is a 64-byte Ed25519 secret key whose public half is `public_key`.
bool ed25519_key_pair_matches(std::string_view public_key, std::string_view secret_key);

}  // namespace sp::security::detail
