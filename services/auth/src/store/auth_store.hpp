#pragma once
// The auth service's storage port. Logic depends on these interfaces only; SqlAuthStore implements
// them over db::Database (SQLite or PostgreSQL). "Not found" is an empty optional, never an error.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "store/records.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::events {
struct Envelope;
}

namespace sp::auth {

// The operations of one write transaction. Everything done through it commits or rolls back
// together, including audit rows and outbox events.
class AuthTransaction {
 public:
  virtual ~AuthTransaction() = default;

  // kConflict when the email or the handle is taken.
  virtual Status insert_user(const User& user) = 0;
  virtual Result<std::optional<User>> find_user(int64_t user_id) = 0;
  // Which of (email, handle) already belong to an account.
  virtual Result<std::vector<std::string>> taken_fields(std::string_view email,
                                                        std::string_view handle) = 0;
  virtual Status set_password_hash(int64_t user_id, std::string_view hash, int64_t now_ms) = 0;
  virtual Status set_email_verified(int64_t user_id, int64_t now_ms) = 0;

  virtual Status insert_family(const RefreshFamily& family) = 0;
  virtual Result<std::optional<RefreshFamily>> find_family(int64_t family_id) = 0;
  virtual Status touch_family(int64_t family_id, int64_t now_ms, std::string_view user_agent,
                              std::string_view address) = 0;
  // False when the family was already revoked.
  virtual Result<bool> revoke_family(int64_t family_id, std::string_view reason,
                                     int64_t now_ms) = 0;
  // Revokes every live family of the user except `keep` (0: none); returns how many.
  virtual Result<int64_t> revoke_families_of_user(int64_t user_id, int64_t keep,
                                                  std::string_view reason, int64_t now_ms) = 0;
  virtual Status insert_refresh_token(const RefreshToken& token) = 0;
  virtual Result<std::optional<RefreshToken>> find_refresh_token(std::string_view token_hash) = 0;
  // Marks the token rotated with one conditional UPDATE; false when it already was, so of two
  // concurrent uses exactly one gets true.
  virtual Result<bool> claim_refresh_token(int64_t token_id, int64_t now_ms) = 0;

  virtual Status insert_one_time_token(const OneTimeToken& token) = 0;
  virtual Result<std::optional<OneTimeToken>> find_one_time_token(TokenPurpose purpose,
                                                                  std::string_view token_hash) = 0;
  // Marks the token used unless it already was (single use, race-free); false when it was.
  virtual Result<bool> consume_one_time_token(int64_t token_id, int64_t now_ms) = 0;
  // Marks every unused token of the user for `purpose` used.
  virtual Status consume_all_one_time_tokens(int64_t user_id, TokenPurpose purpose,
                                             int64_t now_ms) = 0;
  // Unused, unexpired tokens of the user for `purpose`.
  virtual Result<int64_t> count_live_one_time_tokens(int64_t user_id, TokenPurpose purpose,
                                                     int64_t now_ms) = 0;

  virtual Status insert_api_key(const ApiKey& key) = 0;
  // False when the key does not exist, belongs to someone else or was already revoked.
  virtual Result<bool> revoke_api_key(int64_t user_id, int64_t key_id, int64_t now_ms) = 0;

  // Counts one more failure; a count whose last failure is before `forget_before_ms` restarts.
  virtual Status record_failure(std::string_view subject, int64_t now_ms,
                                int64_t forget_before_ms) = 0;
  virtual Status clear_failures(std::string_view subject) = 0;

  virtual Status append_audit(const AuditEntry& entry) = 0;
  // Queues the event in the transactional outbox.
  virtual Status enqueue_event(const events::Envelope& envelope) = 0;

  // Stores a new key set version and deletes older ones; kConflict when `version` exists (another
  // replica rotated first).
  virtual Status replace_key_set(const SigningKeySetRecord& record) = 0;

  // Sessions: the live (not revoked) families of the user except `keep`, the ones
  // revoke_families_of_user would revoke.
  virtual Result<std::vector<int64_t>> unrevoked_family_ids(int64_t user_id, int64_t keep) = 0;
  // Revokes every unrevoked API key of the user; returns how many.
  virtual Result<int64_t> revoke_api_keys_of_user(int64_t user_id, int64_t now_ms) = 0;
  // record_failure that returns the subject's failure count after it.
  virtual Result<int64_t> count_failure(std::string_view subject, int64_t now_ms,
                                        int64_t forget_before_ms) = 0;
  virtual Status insert_device(const TrustedDevice& device) = 0;
  // Account deletion: email -> `tombstone_email`, a password hash nothing verifies, deleted_at;
  // false when the account was already deleted.
  virtual Result<bool> mark_user_deleted(int64_t user_id, std::string_view tombstone_email,
                                         int64_t now_ms) = 0;
};

class AuthStore {
 public:
  virtual ~AuthStore() = default;

  // Runs `body` in one transaction: commits when it returns ok, rolls back otherwise.
  virtual Status transact(const std::function<Status(AuthTransaction&)>& body) = 0;

  // Reads of committed data; they never wait for a writer.
  virtual Result<std::optional<User>> find_user(int64_t user_id) = 0;
  // By normalised email or handle.
  virtual Result<std::optional<User>> find_user_by_login(std::string_view login) = 0;
  virtual Result<ThrottleState> throttle_state(std::string_view subject) = 0;
  // The family of the refresh token with this hash (revoked or not).
  virtual Result<std::optional<RefreshFamily>> find_family_by_token(
      std::string_view token_hash) = 0;
  // Families neither revoked nor past their absolute expiry, newest first.
  virtual Result<std::vector<RefreshFamily>> live_families(int64_t user_id, int64_t now_ms) = 0;
  virtual Result<std::optional<OneTimeToken>> find_one_time_token(TokenPurpose purpose,
                                                                  std::string_view token_hash) = 0;
  virtual Result<std::vector<ApiKey>> api_keys_of(int64_t user_id) = 0;
  virtual Result<std::optional<ApiKey>> find_api_key(std::string_view secret_hash) = 0;
  // Sets last_used_at (one small write outside any transaction).
  virtual Status touch_api_key(int64_t key_id, int64_t now_ms) = 0;
  // The live (highest) signing key set version.
  virtual Result<std::optional<SigningKeySetRecord>> latest_key_set() = 0;
  // Newest first, at most `limit`.
  virtual Result<std::vector<AuditEntry>> audit_of_user(int64_t user_id, int limit) = 0;
  virtual Status ping() = 0;

  // The family with this id (revoked or not).
  virtual Result<std::optional<RefreshFamily>> find_family(int64_t family_id) = 0;
  virtual Result<std::optional<TrustedDevice>> find_device(std::string_view token_hash) = 0;
};

}  // namespace sp::auth
