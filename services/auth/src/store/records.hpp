#pragma once
// The rows of the auth store as plain values. Times are Unix milliseconds; secrets never appear
// here, only their hashes (SHA-256, lowercase hex).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sp::auth {

struct User {
  int64_t id = 0;
  std::string email;   // normalised: trimmed, lower-case
  std::string handle;  // [a-z0-9_]{3,30}
  std::string password_hash;
  bool email_verified = false;
  std::vector<std::string> scopes;  // what access tokens for this user may carry
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

// One login session: the chain of refresh tokens that rotate from one sign-in.
struct RefreshFamily {
  int64_t id = 0;
  int64_t user_id = 0;
  int64_t created_at_ms = 0;
  int64_t last_used_at_ms = 0;
  int64_t absolute_expires_at_ms = 0;
  std::string user_agent;
  std::string address;
  std::optional<int64_t> revoked_at_ms;
  std::string revoke_reason;  // "logout", "reuse", "password_reset", ... ("" while live)
};

struct RefreshToken {
  int64_t id = 0;
  int64_t family_id = 0;
  std::string token_hash;
  int64_t created_at_ms = 0;
  int64_t idle_expires_at_ms = 0;
  std::optional<int64_t> rotated_at_ms;  // set once, by the one use that rotated it
};

enum class TokenPurpose { kPasswordReset, kEmailVerification };
std::string_view to_string(TokenPurpose purpose);

struct OneTimeToken {
  int64_t id = 0;
  TokenPurpose purpose = TokenPurpose::kPasswordReset;
  int64_t user_id = 0;
  std::string token_hash;
  int64_t created_at_ms = 0;
  int64_t expires_at_ms = 0;
  std::optional<int64_t> used_at_ms;
};

struct ApiKey {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string name;
  std::string prefix;  // the visible start of the key, shown in listings
  std::string secret_hash;
  std::vector<std::string> scopes;
  int64_t created_at_ms = 0;
  std::optional<int64_t> expires_at_ms;
  std::optional<int64_t> last_used_at_ms;
  std::optional<int64_t> revoked_at_ms;
};

struct AuditEntry {
  int64_t id = 0;
  int64_t occurred_at_ms = 0;
  std::string action;   // "login", "refresh.reuse_detected", "api_key.create", ...
  std::string outcome;  // "success" | "failure"
  std::optional<int64_t> user_id;
  std::string address;
  std::string user_agent;
  std::string detail;  // short, secret-free reason ("wrong_password", "throttled", ...)
};

// One version of the signing key set; the highest version is live.
struct SigningKeySetRecord {
  int64_t version = 0;
  int64_t created_at_ms = 0;
  std::string current_kid;
  std::string sealed_key_set;  // SigningKeySet::to_json(), sealed (see logic/key_sealer.hpp)
};

// Scopes travel space-separated, as the JWT `scope` claim carries them.
std::string join_scopes(const std::vector<std::string>& scopes);
std::vector<std::string> split_scopes(std::string_view text);

// Consecutive failed log-ins of one subject.
struct ThrottleState {
  int64_t failures = 0;
  int64_t last_failure_at_ms = 0;
};

// A browser that logged in to `user_id` (its device cookie, stored as a hash).
struct TrustedDevice {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string token_hash;
  int64_t created_at_ms = 0;
  int64_t expires_at_ms = 0;
};

}  // namespace sp::auth
