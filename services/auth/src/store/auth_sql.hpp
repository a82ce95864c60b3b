#pragma once
// Every SQL statement of the auth store, named. `?` placeholders work on SQLite and PostgreSQL;
// times are Unix milliseconds, booleans 0/1. Column lists match the row readers in sql_rows.cpp.
#include <string_view>

namespace sp::auth::sql {

// users
inline constexpr std::string_view kInsertUser =
    "INSERT INTO users (id, email, handle, password_hash, email_verified, scopes, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kUserById =
    "SELECT id, email, handle, password_hash, email_verified, scopes, created_at, updated_at "
    "FROM users WHERE id = ?";
inline constexpr std::string_view kUserByLogin =
    "SELECT id, email, handle, password_hash, email_verified, scopes, created_at, updated_at "
    "FROM users WHERE email = ? OR handle = ?";
inline constexpr std::string_view kTakenFields =
    "SELECT email, handle FROM users WHERE email = ? OR handle = ?";
inline constexpr std::string_view kSetPasswordHash =
    "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?";
// The hash '!deleted' is no argon2id string: verify() never matches it.
inline constexpr std::string_view kMarkUserDeleted =
    "UPDATE users SET email = ?, password_hash = '!deleted', deleted_at = ?, updated_at = ? "
    "WHERE id = ? AND deleted_at IS NULL";
inline constexpr std::string_view kSetEmailVerified =
    "UPDATE users SET email_verified = 1, updated_at = ? WHERE id = ?";

// refresh families and tokens
inline constexpr std::string_view kInsertFamily =
    "INSERT INTO refresh_families (id, user_id, created_at, last_used_at, absolute_expires_at, "
    "user_agent, address, revoked_at, revoke_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kFamilyById =
    "SELECT id, user_id, created_at, last_used_at, absolute_expires_at, user_agent, address, "
    "revoked_at, revoke_reason FROM refresh_families WHERE id = ?";
inline constexpr std::string_view kFamilyByTokenHash =
    "SELECT f.id, f.user_id, f.created_at, f.last_used_at, f.absolute_expires_at, f.user_agent, "
    "f.address, f.revoked_at, f.revoke_reason FROM refresh_families f "
    "JOIN refresh_tokens t ON t.family_id = f.id WHERE t.token_hash = ?";
inline constexpr std::string_view kLiveFamiliesOfUser =
    "SELECT id, user_id, created_at, last_used_at, absolute_expires_at, user_agent, address, "
    "revoked_at, revoke_reason FROM refresh_families "
    "WHERE user_id = ? AND revoked_at IS NULL AND absolute_expires_at > ? ORDER BY id DESC";
inline constexpr std::string_view kTouchFamily =
    "UPDATE refresh_families SET last_used_at = ?, user_agent = ?, address = ? WHERE id = ?";
inline constexpr std::string_view kRevokeFamily =
    "UPDATE refresh_families SET revoked_at = ?, revoke_reason = ? "
    "WHERE id = ? AND revoked_at IS NULL";
inline constexpr std::string_view kRevokeFamiliesOfUser =
    "UPDATE refresh_families SET revoked_at = ?, revoke_reason = ? "
    "WHERE user_id = ? AND id <> ? AND revoked_at IS NULL";
inline constexpr std::string_view kInsertRefreshToken =
    "INSERT INTO refresh_tokens (id, family_id, token_hash, created_at, idle_expires_at, "
    "rotated_at) VALUES (?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kRefreshTokenByHash =
    "SELECT id, family_id, token_hash, created_at, idle_expires_at, rotated_at "
    "FROM refresh_tokens WHERE token_hash = ?";
// The single-use guarantee: only the first of concurrent uses changes a row.
inline constexpr std::string_view kClaimRefreshToken =
    "UPDATE refresh_tokens SET rotated_at = ? WHERE id = ? AND rotated_at IS NULL";

// one-time tokens
inline constexpr std::string_view kInsertOneTimeToken =
    "INSERT INTO one_time_tokens (id, purpose, user_id, token_hash, created_at, expires_at, "
    "used_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kOneTimeTokenByHash =
    "SELECT id, purpose, user_id, token_hash, created_at, expires_at, used_at "
    "FROM one_time_tokens WHERE purpose = ? AND token_hash = ?";
inline constexpr std::string_view kConsumeOneTimeToken =
    "UPDATE one_time_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL";
inline constexpr std::string_view kConsumeAllOneTimeTokens =
    "UPDATE one_time_tokens SET used_at = ? "
    "WHERE user_id = ? AND purpose = ? AND used_at IS NULL";
inline constexpr std::string_view kCountLiveOneTimeTokens =
    "SELECT COUNT(*) FROM one_time_tokens "
    "WHERE user_id = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?";

// API keys
inline constexpr std::string_view kInsertApiKey =
    "INSERT INTO api_keys (id, user_id, name, prefix, secret_hash, scopes, created_at, "
    "expires_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kApiKeysOfUser =
    "SELECT id, user_id, name, prefix, secret_hash, scopes, created_at, expires_at, "
    "last_used_at, revoked_at FROM api_keys WHERE user_id = ? ORDER BY id DESC";
inline constexpr std::string_view kApiKeyByHash =
    "SELECT id, user_id, name, prefix, secret_hash, scopes, created_at, expires_at, "
    "last_used_at, revoked_at FROM api_keys WHERE secret_hash = ?";
inline constexpr std::string_view kRevokeApiKey =
    "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL";
inline constexpr std::string_view kTouchApiKey =
    "UPDATE api_keys SET last_used_at = ? WHERE id = ?";

// login throttle
inline constexpr std::string_view kThrottleBySubject =
    "SELECT failures, last_failure_at FROM login_throttle WHERE subject = ?";
inline constexpr std::string_view kRecordFailure =
    "INSERT INTO login_throttle (subject, failures, last_failure_at) VALUES (?, 1, ?) "
    "ON CONFLICT (subject) DO UPDATE SET "
    "failures = CASE WHEN login_throttle.last_failure_at < ? THEN 1 "
    "ELSE login_throttle.failures + 1 END, last_failure_at = excluded.last_failure_at";
inline constexpr std::string_view kClearFailures = "DELETE FROM login_throttle WHERE subject = ?";

// audit log
inline constexpr std::string_view kAppendAudit =
    "INSERT INTO audit_log (id, occurred_at, action, outcome, user_id, address, user_agent, "
    "detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kAuditOfUser =
    "SELECT id, occurred_at, action, outcome, user_id, address, user_agent, detail "
    "FROM audit_log WHERE user_id = ? ORDER BY id DESC LIMIT ?";

// signing key sets
inline constexpr std::string_view kInsertKeySet =
    "INSERT INTO signing_key_sets (version, created_at, current_kid, key_set) VALUES (?, ?, ?, ?)";
inline constexpr std::string_view kLatestKeySet =
    "SELECT version, created_at, current_kid, key_set FROM signing_key_sets "
    "ORDER BY version DESC LIMIT 1";
inline constexpr std::string_view kDropOldKeySets =
    "DELETE FROM signing_key_sets WHERE version < ?";

}  // namespace sp::auth::sql
