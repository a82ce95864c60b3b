#include "store/sql_auth_transaction.hpp"

#include "store/auth_sql.hpp"
#include "store/session_security_sql.hpp"
#include "store/sql_rows.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace sp::auth {

Status SqlAuthTransaction::run(std::string_view sql, const db::Params& params) {
  return db::run(session_, sql, params);
}

Result<bool> SqlAuthTransaction::changed_one(std::string_view sql, const db::Params& params) {
  return db::changed_one(session_, sql, params);
}

Status SqlAuthTransaction::insert_user(const User& user) {
  return run(sql::kInsertUser,
             {user.id, user.email, user.handle, user.password_hash, user.email_verified,
              join_scopes(user.scopes), user.created_at_ms, user.updated_at_ms});
}

Result<std::optional<User>> SqlAuthTransaction::find_user(int64_t user_id) {
  return query_one(session_, sql::kUserById, {user_id}, user_from_row);
}

Result<std::vector<std::string>> SqlAuthTransaction::taken_fields(std::string_view email,
                                                                  std::string_view handle) {
  SP_ASSIGN_OR_RETURN(db::Rows rows, session_.query(sql::kTakenFields, {email, handle}));
  std::vector<std::string> taken;
  for (const auto& row : rows) {
    if (row.get_text(0) == email) taken.emplace_back("email");
    if (row.get_text(1) == handle) taken.emplace_back("handle");
  }
  return taken;
}

Status SqlAuthTransaction::set_password_hash(int64_t user_id, std::string_view hash,
                                             int64_t now_ms) {
  return run(sql::kSetPasswordHash, {hash, now_ms, user_id});
}

Result<bool> SqlAuthTransaction::mark_user_deleted(int64_t user_id,
                                                   std::string_view tombstone_email,
                                                   int64_t now_ms) {
  return db::changed_one(session_, sql::kMarkUserDeleted,
                         {tombstone_email, now_ms, now_ms, user_id});
}

Status SqlAuthTransaction::set_email_verified(int64_t user_id, int64_t now_ms) {
  return run(sql::kSetEmailVerified, {now_ms, user_id});
}

Status SqlAuthTransaction::insert_family(const RefreshFamily& f) {
  return run(
      sql::kInsertFamily,
      {f.id, f.user_id, f.created_at_ms, f.last_used_at_ms, f.absolute_expires_at_ms, f.user_agent,
       f.address, f.revoked_at_ms, f.revoked_at_ms ? db::Value(f.revoke_reason) : db::Value()});
}

Result<std::optional<RefreshFamily>> SqlAuthTransaction::find_family(int64_t family_id) {
  return query_one(session_, sql::kFamilyById, {family_id}, family_from_row);
}

Status SqlAuthTransaction::touch_family(int64_t family_id, int64_t now_ms,
                                        std::string_view user_agent, std::string_view address) {
  return run(sql::kTouchFamily, {now_ms, user_agent, address, family_id});
}

Result<bool> SqlAuthTransaction::revoke_family(int64_t family_id, std::string_view reason,
                                               int64_t now_ms) {
  return changed_one(sql::kRevokeFamily, {now_ms, reason, family_id});
}

Result<int64_t> SqlAuthTransaction::revoke_families_of_user(int64_t user_id, int64_t keep,
                                                            std::string_view reason,
                                                            int64_t now_ms) {
  return session_.execute(sql::kRevokeFamiliesOfUser, {now_ms, reason, user_id, keep});
}

Status SqlAuthTransaction::insert_refresh_token(const RefreshToken& t) {
  return run(sql::kInsertRefreshToken, {t.id, t.family_id, t.token_hash, t.created_at_ms,
                                        t.idle_expires_at_ms, t.rotated_at_ms});
}

Result<std::optional<RefreshToken>> SqlAuthTransaction::find_refresh_token(
    std::string_view token_hash) {
  return query_one(session_, sql::kRefreshTokenByHash, {token_hash}, refresh_token_from_row);
}

Result<bool> SqlAuthTransaction::claim_refresh_token(int64_t token_id, int64_t now_ms) {
  return changed_one(sql::kClaimRefreshToken, {now_ms, token_id});
}

Status SqlAuthTransaction::insert_one_time_token(const OneTimeToken& t) {
  return run(sql::kInsertOneTimeToken, {t.id, to_string(t.purpose), t.user_id, t.token_hash,
                                        t.created_at_ms, t.expires_at_ms, t.used_at_ms});
}

Result<std::optional<OneTimeToken>> SqlAuthTransaction::find_one_time_token(
    TokenPurpose purpose, std::string_view token_hash) {
  return query_one(session_, sql::kOneTimeTokenByHash, {to_string(purpose), token_hash},
                   one_time_token_from_row);
}

Result<bool> SqlAuthTransaction::consume_one_time_token(int64_t token_id, int64_t now_ms) {
  return changed_one(sql::kConsumeOneTimeToken, {now_ms, token_id});
}

Status SqlAuthTransaction::consume_all_one_time_tokens(int64_t user_id, TokenPurpose purpose,
                                                       int64_t now_ms) {
  return run(sql::kConsumeAllOneTimeTokens, {now_ms, user_id, to_string(purpose)});
}

Result<int64_t> SqlAuthTransaction::count_live_one_time_tokens(int64_t user_id,
                                                               TokenPurpose purpose,
                                                               int64_t now_ms) {
  SP_ASSIGN_OR_RETURN(db::Rows rows, session_.query(sql::kCountLiveOneTimeTokens,
                                                    {user_id, to_string(purpose), now_ms}));
  return rows.empty() ? int64_t{0} : rows[0].get_int(0);
}

Status SqlAuthTransaction::insert_api_key(const ApiKey& k) {
  return run(sql::kInsertApiKey,
             {k.id, k.user_id, k.name, k.prefix, k.secret_hash, join_scopes(k.scopes),
              k.created_at_ms, k.expires_at_ms, k.last_used_at_ms, k.revoked_at_ms});
}

Result<bool> SqlAuthTransaction::revoke_api_key(int64_t user_id, int64_t key_id, int64_t now_ms) {
  return changed_one(sql::kRevokeApiKey, {now_ms, key_id, user_id});
}

Status SqlAuthTransaction::record_failure(std::string_view subject, int64_t now_ms,
                                          int64_t forget_before_ms) {
  return run(sql::kRecordFailure, {subject, now_ms, forget_before_ms});
}

Status SqlAuthTransaction::clear_failures(std::string_view subject) {
  return run(sql::kClearFailures, {subject});
}

Status SqlAuthTransaction::append_audit(const AuditEntry& e) {
  return run(sql::kAppendAudit, {e.id, e.occurred_at_ms, e.action, e.outcome, e.user_id, e.address,
                                 e.user_agent, e.detail});
}

Status SqlAuthTransaction::enqueue_event(const events::Envelope& envelope) {
  return events::Outbox::enqueue(session_, envelope);
}

Status SqlAuthTransaction::replace_key_set(const SigningKeySetRecord& r) {
  SP_TRY(run(sql::kInsertKeySet, {r.version, r.created_at_ms, r.current_kid, r.sealed_key_set}));
  return run(sql::kDropOldKeySets, {r.version});
}

}  // namespace sp::auth

namespace sp::auth {

Result<std::vector<int64_t>> SqlAuthTransaction::unrevoked_family_ids(int64_t user_id,
                                                                      int64_t keep) {
  return query_all(session_, sql::kUnrevokedFamilyIds, {user_id, keep},
                   [](const db::Row& row) { return row.get_int(0); });
}

Result<int64_t> SqlAuthTransaction::revoke_api_keys_of_user(int64_t user_id, int64_t now_ms) {
  return session_.execute(sql::kRevokeApiKeysOfUser, {now_ms, user_id});
}

Result<int64_t> SqlAuthTransaction::count_failure(std::string_view subject, int64_t now_ms,
                                                  int64_t forget_before_ms) {
  SP_ASSIGN_OR_RETURN(db::Rows rows,
                      session_.query(sql::kCountFailure, {subject, now_ms, forget_before_ms}));
  return rows.empty() ? int64_t{0} : rows[0].get_int(0);
}

Status SqlAuthTransaction::insert_device(const TrustedDevice& d) {
  return run(sql::kInsertDevice, {d.id, d.user_id, d.token_hash, d.created_at_ms, d.expires_at_ms});
}

}  // namespace sp::auth
