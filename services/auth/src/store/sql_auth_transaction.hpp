#pragma once
// AuthTransaction over one db::Session (a connection inside a transaction).
#include "store/auth_store.hpp"
#include "strangeprompt/db/value.hpp"

namespace sp::db {
class Session;
}

namespace sp::auth {

class SqlAuthTransaction final : public AuthTransaction {
 public:
  explicit SqlAuthTransaction(db::Session& session) : session_(session) {}

  Status insert_user(const User& user) override;
  Result<std::optional<User>> find_user(int64_t user_id) override;
  Result<std::vector<std::string>> taken_fields(std::string_view email,
                                                std::string_view handle) override;
  Status set_password_hash(int64_t user_id, std::string_view hash, int64_t now_ms) override;
  Result<bool> mark_user_deleted(int64_t user_id, std::string_view tombstone_email,
                                 int64_t now_ms) override;
  Status set_email_verified(int64_t user_id, int64_t now_ms) override;

  Status insert_family(const RefreshFamily& family) override;
  Result<std::optional<RefreshFamily>> find_family(int64_t family_id) override;
  Status touch_family(int64_t family_id, int64_t now_ms, std::string_view user_agent,
                      std::string_view address) override;
  Result<bool> revoke_family(int64_t family_id, std::string_view reason, int64_t now_ms) override;
  Result<int64_t> revoke_families_of_user(int64_t user_id, int64_t keep, std::string_view reason,
                                          int64_t now_ms) override;
  Status insert_refresh_token(const RefreshToken& token) override;
  Result<std::optional<RefreshToken>> find_refresh_token(std::string_view token_hash) override;
  Result<bool> claim_refresh_token(int64_t token_id, int64_t now_ms) override;

  Status insert_one_time_token(const OneTimeToken& token) override;
  Result<std::optional<OneTimeToken>> find_one_time_token(TokenPurpose purpose,
                                                          std::string_view token_hash) override;
  Result<bool> consume_one_time_token(int64_t token_id, int64_t now_ms) override;
  Status consume_all_one_time_tokens(int64_t user_id, TokenPurpose purpose,
                                     int64_t now_ms) override;
  Result<int64_t> count_live_one_time_tokens(int64_t user_id, TokenPurpose purpose,
                                             int64_t now_ms) override;

  Status insert_api_key(const ApiKey& key) override;
  Result<bool> revoke_api_key(int64_t user_id, int64_t key_id, int64_t now_ms) override;

  Status record_failure(std::string_view subject, int64_t now_ms,
                        int64_t forget_before_ms) override;
  Status clear_failures(std::string_view subject) override;

  Status append_audit(const AuditEntry& entry) override;
  Status enqueue_event(const events::Envelope& envelope) override;

  Status replace_key_set(const SigningKeySetRecord& record) override;

  Result<std::vector<int64_t>> unrevoked_family_ids(int64_t user_id, int64_t keep) override;
  Result<int64_t> revoke_api_keys_of_user(int64_t user_id, int64_t now_ms) override;
  Result<int64_t> count_failure(std::string_view subject, int64_t now_ms,
                                int64_t forget_before_ms) override;
  Status insert_device(const TrustedDevice& device) override;

 private:
  Status run(std::string_view sql, const db::Params& params);
  Result<bool> changed_one(std::string_view sql, const db::Params& params);

  db::Session& session_;
};

}  // namespace sp::auth
