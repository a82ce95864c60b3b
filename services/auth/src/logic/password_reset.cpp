#include "logic/password_reset.hpp"

#include "logic/audit_trail.hpp"
#include "logic/auth_events.hpp"
#include "logic/identity_rules.hpp"
#include "logic/login_throttle.hpp"
#include "logic/one_time_tokens.hpp"
#include "logic/session_ends.hpp"

namespace sp::auth {
Status PasswordReset::request(std::string_view email, const ClientInfo& client) {
  SP_TRY(throttle_.admit(AddressAction::kPasswordForgot, client.address));
  SP_ASSIGN_OR_RETURN(std::string normalised, normalise_email(email));
  SP_ASSIGN_OR_RETURN(std::optional<User> user, ctx_.store.find_user_by_login(normalised));
  return transact_audited(ctx_, client, [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    if (!user) {
      return audit.record(audit::kPasswordResetRequest, Outcome::kFailure, {}, "unknown_email");
    }
    const TokenPurpose purpose = TokenPurpose::kPasswordReset;
    SP_ASSIGN_OR_RETURN(int64_t live,
                        tx.count_live_one_time_tokens(user->id, purpose, ctx_.now_ms()));
    if (live >= kMaxLiveTokens) {
      return audit.record(audit::kPasswordResetRequest, Outcome::kFailure, user->id,
                          "too_many_live_tokens");
    }
    SP_ASSIGN_OR_RETURN(auto issued, issue_one_time_token(tx, ctx_, purpose, user->id,
                                                          ctx_.settings.reset_token_ttl_ms));
    SP_TRY(tx.enqueue_event(
        password_reset_requested_event(ctx_, *user, issued.token, issued.expires_at_ms)));
    return audit.record(audit::kPasswordResetRequest, Outcome::kSuccess, user->id);
  });
}

Status PasswordReset::complete(std::string_view token, std::string_view new_password,
                               const ClientInfo& client) {
  const TokenPurpose purpose = TokenPurpose::kPasswordReset;
  SP_ASSIGN_OR_RETURN(auto found,
                      ctx_.store.find_one_time_token(purpose, one_time_token_hash(token)));
  if (!found || found->used_at_ms || ctx_.now_ms() >= found->expires_at_ms)
    return one_time_token_gone();
  SP_ASSIGN_OR_RETURN(auto user, ctx_.store.find_user(found->user_id));
  if (!user) return one_time_token_gone();
  SP_TRY(ctx_.password_policy.check(new_password, {user->email, user->handle}));
  SP_ASSIGN_OR_RETURN(std::string hash, ctx_.hasher.hash(new_password));
  std::vector<int64_t> ended;
  SP_TRY(transact_audited(ctx_, client, [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    const int64_t now = ctx_.now_ms();
    // Re-checked inside the transaction: of two concurrent resets with one token, one wins.
    SP_ASSIGN_OR_RETURN(int64_t user_id, consume_one_time_token(tx, ctx_, purpose, token));
    SP_TRY(tx.set_password_hash(user_id, hash, now));
    SP_ASSIGN_OR_RETURN(ended, end_sessions_of_user(tx, ctx_, user_id, 0, "password_reset"));
    SP_TRY(tx.revoke_api_keys_of_user(user_id, now));  // as a password change does
    SP_TRY(tx.consume_all_one_time_tokens(user_id, purpose, now));
    SP_TRY(tx.clear_failures(account_subject(user_id)));
    return audit.record(audit::kPasswordReset, Outcome::kSuccess, user_id);
  }));
  announce_ended_sessions(ctx_, ended);
  return ok_status();
}

}  // namespace sp::auth
