#pragma once
// AuthStore over the Database port: the same SQL on SQLite and PostgreSQL.
#include <memory>

#include "store/auth_store.hpp"

namespace sp::db {
class Database;
}

namespace sp::auth {

// Applies the auth migrations (migrations/, embedded at build time) and the outbox table;
// returns how many were applied.
Result<int> migrate_auth_store(db::Database& db);

class SqlAuthStore final : public AuthStore {
 public:
  // `db` must outlive the store and be migrated (migrate_auth_store).
  explicit SqlAuthStore(db::Database& db) : db_(db) {}

  Status transact(const std::function<Status(AuthTransaction&)>& body) override;
  Result<std::optional<User>> find_user(int64_t user_id) override;
  Result<std::optional<User>> find_user_by_login(std::string_view login) override;
  Result<ThrottleState> throttle_state(std::string_view subject) override;
  Result<std::optional<RefreshFamily>> find_family_by_token(std::string_view token_hash) override;
  Result<std::vector<RefreshFamily>> live_families(int64_t user_id, int64_t now_ms) override;
  Result<std::optional<OneTimeToken>> find_one_time_token(TokenPurpose purpose,
                                                          std::string_view token_hash) override;
  Result<std::vector<ApiKey>> api_keys_of(int64_t user_id) override;
  Result<std::optional<ApiKey>> find_api_key(std::string_view secret_hash) override;
  Status touch_api_key(int64_t key_id, int64_t now_ms) override;
  Result<std::optional<SigningKeySetRecord>> latest_key_set() override;
  Result<std::vector<AuditEntry>> audit_of_user(int64_t user_id, int limit) override;
  Status ping() override;
  Result<std::optional<RefreshFamily>> find_family(int64_t family_id) override;
  Result<std::optional<TrustedDevice>> find_device(std::string_view token_hash) override;

 private:
  db::Database& db_;
};

}  // namespace sp::auth
