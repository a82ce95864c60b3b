#pragma once
// API keys: "sp_<prefix>_<secret>", prefix 8 lowercase hex digits (shown in listings), secret
// 43 base64url characters (32 random bytes). Only the SHA-256 of the whole key is stored: with
// 256 bits of entropy a fast hash is enough, and lookups by hash need no per-key salt.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sp::security {

inline constexpr std::size_t kApiKeyPrefixChars = 8;
inline constexpr std::size_t kApiKeySecretChars = 43;
inline constexpr std::size_t kApiKeyChars = 3 + kApiKeyPrefixChars + 1 + kApiKeySecretChars;

struct NewApiKey {
  std::string key;             // show once to its owner, never store or log
  std::string visible_prefix;  // "sp_<prefix>", safe to store, list and log
  std::string hash;            // api_key_hash(key), what the auth service stores
};

struct ApiKeyParts {
  std::string prefix;  // the 8 hex digits
  std::string secret;  // the 43 base64url characters
};

NewApiKey generate_api_key();
// The parts of a well-formed key; nullopt for anything else (wrong shape, alphabet, length,
// non-canonical base64url).
std::optional<ApiKeyParts> parse_api_key(std::string_view key);
// Lowercase hex SHA-256 of the whole key string.
std::string api_key_hash(std::string_view key);
// "sp_<prefix>" of a well-formed key, else nullopt.
std::optional<std::string> api_key_visible_prefix(std::string_view key);

}  // namespace sp::security
