#pragma once
// SQL of session revocation, API-key revocation on password change, per-subject failure counts
// and trusted devices (same conventions as auth_sql.hpp).
#include <string_view>

namespace sp::auth::sql {

inline constexpr std::string_view kUnrevokedFamilyIds =
    "SELECT id FROM refresh_families WHERE user_id = ? AND id <> ? AND revoked_at IS NULL "
    "ORDER BY id";
inline constexpr std::string_view kRevokeApiKeysOfUser =
    "UPDATE api_keys SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL";
inline constexpr std::string_view kCountFailure =
    "INSERT INTO login_throttle (subject, failures, last_failure_at) VALUES (?, 1, ?) "
    "ON CONFLICT (subject) DO UPDATE SET "
    "failures = CASE WHEN login_throttle.last_failure_at < ? THEN 1 "
    "ELSE login_throttle.failures + 1 END, last_failure_at = excluded.last_failure_at "
    "RETURNING failures";
inline constexpr std::string_view kInsertDevice =
    "INSERT INTO trusted_devices (id, user_id, token_hash, created_at, expires_at) "
    "VALUES (?, ?, ?, ?, ?)";
inline constexpr std::string_view kDeviceByTokenHash =
    "SELECT id, user_id, token_hash, created_at, expires_at FROM trusted_devices "
    "WHERE token_hash = ?";

}  // namespace sp::auth::sql
