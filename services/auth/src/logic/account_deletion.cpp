#include "logic/account_deletion.hpp"

#include <string>

#include "logic/audit_trail.hpp"
#include "logic/auth_events.hpp"
#include "logic/login_guard.hpp"
#include "logic/login_throttle.hpp"
#include "logic/session_ends.hpp"

namespace sp::auth {
namespace {

constexpr std::string_view kAccountDelete = "account.delete";  // audit action

// An address no one can own (RFC 2606 .invalid) and unique per account.
std::string tombstone_email(int64_t user_id) {
  return "deleted-" + id_to_string(user_id) + "@deleted.invalid";
}

}  // namespace

Status delete_account(const AuthContext& ctx, int64_t user_id, std::string_view password,
                      const ClientInfo& client) {
  SP_ASSIGN_OR_RETURN(auto user, ctx.store.find_user(user_id));
  if (!user) return Error::unauthenticated("account no longer exists");
  const LoginGuard guard(ctx, account_subject(user_id), address_subject(client.address));
  SP_TRY(guard.admit());
  SP_ASSIGN_OR_RETURN(bool matches, ctx.hasher.verify(password, user->password_hash));
  if (!matches) {
    SP_TRY(transact_audited(ctx, client, [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
      SP_TRY(guard.record_failure(tx));
      return audit.record(kAccountDelete, Outcome::kFailure, user_id, "wrong_password");
    }));
    Error wrong = Error::invalid("the current password is wrong");
    wrong.fields.push_back({"currentPassword", "is wrong"});
    return wrong;
  }
  std::vector<int64_t> ended;
  SP_TRY(transact_audited(ctx, client, [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    const int64_t now = ctx.now_ms();
    SP_ASSIGN_OR_RETURN(bool deleted, tx.mark_user_deleted(user_id, tombstone_email(user_id), now));
    if (!deleted) return Error::unauthenticated("account no longer exists");
    SP_ASSIGN_OR_RETURN(ended, end_sessions_of_user(tx, ctx, user_id, 0, "account_deleted"));
    SP_TRY(tx.revoke_api_keys_of_user(user_id, now));
    SP_TRY(tx.consume_all_one_time_tokens(user_id, TokenPurpose::kPasswordReset, now));
    SP_TRY(tx.consume_all_one_time_tokens(user_id, TokenPurpose::kEmailVerification, now));
    SP_TRY(tx.enqueue_event(user_deleted_event(ctx, user_id, now)));
    return audit.record(kAccountDelete, Outcome::kSuccess, user_id);
  }));
  announce_ended_sessions(ctx, ended);
  return ok_status();
}

}  // namespace sp::auth
