#pragma once
// API keys for the public API ("Authorization: Bearer sp_..."): created with a subset of the
// owner's scopes and an optional expiry, shown once, stored as a hash with a visible prefix.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "logic/auth_context.hpp"
#include "logic/client_info.hpp"

namespace sp::auth {

struct NewApiKeyRequest {
  std::string name;
  std::vector<std::string> scopes;
  std::optional<int64_t> expires_at_ms;
};

struct CreatedApiKey {
  ApiKey key;
  std::string secret;  // the full key: returned to its owner once, never stored or logged
};

// Who a valid key acts for: the owner, with the key's scopes that the owner still holds.
struct ApiKeyIdentity {
  int64_t user_id = 0;
  int64_t key_id = 0;
  std::vector<std::string> scopes;
  std::optional<int64_t> expires_at_ms;  // the key's own expiry, when it has one
};

class ApiKeys {
 public:
  static constexpr std::size_t kMaxNameBytes = 100;
  static constexpr std::size_t kMaxActiveKeys = 25;
  // last_used_at is written at most this often per key.
  static constexpr int64_t kLastUsedResolutionMs = 60'000;

  explicit ApiKeys(const AuthContext& ctx) : ctx_(ctx) {}

  // kInvalidArgument for a bad name, unknown scope or past expiry; kPermissionDenied for a scope
  // the owner lacks; kUnprocessable beyond kMaxActiveKeys.
  Result<CreatedApiKey> create(int64_t user_id, const NewApiKeyRequest& request,
                               const ClientInfo& client);
  // Every key of the user (revoked ones too), newest first.
  Result<std::vector<ApiKey>> list(int64_t user_id);
  // kNotFound when the key is not the user's or is already revoked.
  Status revoke(int64_t user_id, int64_t key_id, const ClientInfo& client);
  // kUnauthenticated ("invalid API key") for a malformed, unknown, revoked or expired key.
  Result<ApiKeyIdentity> authenticate(std::string_view key);

 private:
  Status validate(const User& owner, const NewApiKeyRequest& request) const;

  const AuthContext& ctx_;
};

}  // namespace sp::auth
