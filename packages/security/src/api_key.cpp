#include "strangeprompt/security/api_key.hpp"

#include <algorithm>

#include "strangeprompt/security/digest.hpp"
#include "strangeprompt/security/encoding.hpp"
#include "strangeprompt/security/random.hpp"

namespace sp::security {
namespace {

constexpr std::string_view kScheme = "sp_";
constexpr std::size_t kSecretBytes = 32;

bool is_lower_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

}  // namespace

NewApiKey generate_api_key() {
  const std::string prefix = hex_encode(random_bytes(kApiKeyPrefixChars / 2));
  NewApiKey out;
  out.visible_prefix = std::string(kScheme) + prefix;
  out.key = out.visible_prefix + "_" + random_token(kSecretBytes);
  out.hash = api_key_hash(out.key);
  return out;
}

std::optional<ApiKeyParts> parse_api_key(std::string_view key) {
  if (key.size() != kApiKeyChars || !key.starts_with(kScheme)) return std::nullopt;
  const std::string_view prefix = key.substr(kScheme.size(), kApiKeyPrefixChars);
  if (!std::all_of(prefix.begin(), prefix.end(), is_lower_hex)) return std::nullopt;
  if (key[kScheme.size() + kApiKeyPrefixChars] != '_') return std::nullopt;
  const std::string_view secret = key.substr(kScheme.size() + kApiKeyPrefixChars + 1);
  const auto bytes = base64url_decode(secret);
  if (!bytes || bytes->size() != kSecretBytes) return std::nullopt;
  return ApiKeyParts{std::string(prefix), std::string(secret)};
}

std::string api_key_hash(std::string_view key) {
  return sha256_hex(key);
}

std::optional<std::string> api_key_visible_prefix(std::string_view key) {
  const auto parts = parse_api_key(key);
  if (!parts) return std::nullopt;
  return std::string(kScheme) + parts->prefix;
}

}  // namespace sp::security
