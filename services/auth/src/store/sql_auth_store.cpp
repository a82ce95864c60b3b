#include "store/sql_auth_store.hpp"

#include "auth_migrations.hpp"
#include "store/auth_sql.hpp"
#include "store/session_security_sql.hpp"
#include "store/sql_auth_transaction.hpp"
#include "store/sql_rows.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/migrations.hpp"
#include "strangeprompt/db/statements.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace sp::auth {

Result<int> migrate_auth_store(db::Database& db) {
  SP_ASSIGN_OR_RETURN(int applied, db::migrate(db, "auth", auth_migrations()));
  SP_TRY(events::Outbox::ensure_schema(db));
  return applied;
}

Status SqlAuthStore::transact(const std::function<Status(AuthTransaction&)>& body) {
  return db::transact_as<SqlAuthTransaction>(db_, body);
}

Result<std::optional<User>> SqlAuthStore::find_user(int64_t user_id) {
  return query_one(db_, sql::kUserById, {user_id}, user_from_row);
}

Result<std::optional<User>> SqlAuthStore::find_user_by_login(std::string_view login) {
  return query_one(db_, sql::kUserByLogin, {login, login}, user_from_row);
}

Result<ThrottleState> SqlAuthStore::throttle_state(std::string_view subject) {
  SP_ASSIGN_OR_RETURN(auto state,
                      query_one(db_, sql::kThrottleBySubject, {subject}, [](const db::Row& row) {
                        return ThrottleState{row.get_int(0), row.get_int(1)};
                      }));
  return state.value_or(ThrottleState{});
}

Result<std::optional<RefreshFamily>> SqlAuthStore::find_family_by_token(
    std::string_view token_hash) {
  return query_one(db_, sql::kFamilyByTokenHash, {token_hash}, family_from_row);
}

Result<std::vector<RefreshFamily>> SqlAuthStore::live_families(int64_t user_id, int64_t now_ms) {
  return query_all(db_, sql::kLiveFamiliesOfUser, {user_id, now_ms}, family_from_row);
}

Result<std::optional<OneTimeToken>> SqlAuthStore::find_one_time_token(TokenPurpose purpose,
                                                                      std::string_view token_hash) {
  return query_one(db_, sql::kOneTimeTokenByHash, {to_string(purpose), token_hash},
                   one_time_token_from_row);
}

Result<std::vector<ApiKey>> SqlAuthStore::api_keys_of(int64_t user_id) {
  return query_all(db_, sql::kApiKeysOfUser, {user_id}, api_key_from_row);
}

Result<std::optional<ApiKey>> SqlAuthStore::find_api_key(std::string_view secret_hash) {
  return query_one(db_, sql::kApiKeyByHash, {secret_hash}, api_key_from_row);
}

Status SqlAuthStore::touch_api_key(int64_t key_id, int64_t now_ms) {
  SP_TRY(db_.execute(sql::kTouchApiKey, {now_ms, key_id}));
  return ok_status();
}

Result<std::optional<SigningKeySetRecord>> SqlAuthStore::latest_key_set() {
  return query_one(db_, sql::kLatestKeySet, {}, key_set_from_row);
}

Result<std::vector<AuditEntry>> SqlAuthStore::audit_of_user(int64_t user_id, int limit) {
  return query_all(db_, sql::kAuditOfUser, {user_id, limit}, audit_entry_from_row);
}

Status SqlAuthStore::ping() {
  return db_.ping();
}

}  // namespace sp::auth

namespace sp::auth {

Result<std::optional<RefreshFamily>> SqlAuthStore::find_family(int64_t family_id) {
  return query_one(db_, sql::kFamilyById, {family_id}, family_from_row);
}

Result<std::optional<TrustedDevice>> SqlAuthStore::find_device(std::string_view token_hash) {
  return query_one(db_, sql::kDeviceByTokenHash, {token_hash}, [](const db::Row& row) {
    return TrustedDevice{.id = row.get_int(0),
                         .user_id = row.get_int(1),
                         .token_hash = row.get_text(2),
                         .created_at_ms = row.get_int(3),
                         .expires_at_ms = row.get_int(4)};
  });
}

}  // namespace sp::auth
