#include "logic/accounts.hpp"

#include "logic/audit_trail.hpp"
#include "logic/auth_events.hpp"
#include "logic/identity_rules.hpp"
#include "logic/login_guard.hpp"
#include "logic/one_time_tokens.hpp"
#include "logic/session_ends.hpp"

namespace sp::auth {
namespace {

// Adds the field errors of `status` (if any) to `into`.
void collect(Error& into, const Status& status) {
  if (status.ok()) return;
  for (const FieldError& f : status.error().fields) into.fields.push_back(f);
}

Error taken(const std::vector<std::string>& fields) {
  Error e = Error::conflict("an account with this email or handle already exists");
  for (const auto& field : fields) e.fields.push_back({field, "is already taken"});
  return e;
}

}  // namespace

Result<User> Accounts::validated_new_user(const SignupRequest& request) const {
  Error invalid = Error::invalid("invalid sign-up");
  auto email = normalise_email(request.email);
  auto handle = normalise_handle(request.handle);
  if (!email.ok()) collect(invalid, email.error());
  if (!handle.ok()) collect(invalid, handle.error());
  collect(invalid, ctx_.password_policy.check(request.password,
                                              {.email = email.ok() ? *email : request.email,
                                               .handle = handle.ok() ? *handle : request.handle}));
  if (!invalid.fields.empty()) return invalid;
  const int64_t now = ctx_.now_ms();
  return User{.id = ctx_.ids.next(),
              .email = *email,
              .handle = *handle,
              .password_hash = {},
              .email_verified = false,
              .scopes = ctx_.settings.default_scopes,
              .created_at_ms = now,
              .updated_at_ms = now};
}

Result<SignedIn> Accounts::sign_up(const SignupRequest& request, const ClientInfo& client) {
  SP_TRY(throttle_.admit(AddressAction::kSignup, client.address));
  SP_ASSIGN_OR_RETURN(User user, validated_new_user(request));
  SP_ASSIGN_OR_RETURN(user.password_hash, ctx_.hasher.hash(request.password));
  IssuedRefreshToken refresh;
  const auto create_account = [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    SP_ASSIGN_OR_RETURN(auto taken_fields, tx.taken_fields(user.email, user.handle));
    if (!taken_fields.empty()) return taken(taken_fields);
    if (Status inserted = tx.insert_user(user); !inserted.ok()) {
      // A concurrent sign-up won the unique index between the check and the insert.
      if (inserted.error().code == ErrorCode::kConflict) return taken({});
      return inserted;
    }
    SP_ASSIGN_OR_RETURN(auto verification,
                        issue_one_time_token(tx, ctx_, TokenPurpose::kEmailVerification, user.id,
                                             ctx_.settings.verification_ttl_ms));
    SP_TRY(tx.enqueue_event(
        user_signup_event(ctx_, user, verification.token, verification.expires_at_ms)));
    SP_ASSIGN_OR_RETURN(refresh, families_.start(tx, user.id, client));
    return audit.record(audit::kSignup, Outcome::kSuccess, user.id);
  };
  SP_TRY(transact_audited(ctx_, client, create_account));
  SP_ASSIGN_OR_RETURN(AccessToken access, access_.mint(user, refresh.family_id));
  return SignedIn{.user = std::move(user),
                  .access = std::move(access),
                  .refresh = refresh,
                  .device = std::nullopt};
}

Status Accounts::verify_email(std::string_view token, const ClientInfo& client) {
  return transact_audited(ctx_, client, [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    SP_ASSIGN_OR_RETURN(int64_t user_id,
                        consume_one_time_token(tx, ctx_, TokenPurpose::kEmailVerification, token));
    SP_TRY(tx.set_email_verified(user_id, ctx_.now_ms()));
    return audit.record(audit::kEmailVerify, Outcome::kSuccess, user_id);
  });
}

Status Accounts::change_password(int64_t user_id, std::string_view current, std::string_view next,
                                 int64_t keep_family, const ClientInfo& client) {
  SP_ASSIGN_OR_RETURN(auto user, ctx_.store.find_user(user_id));
  if (!user) return Error::unauthenticated("account no longer exists");
  const LoginGuard guard(ctx_, account_subject(user_id), address_subject(client.address));
  SP_TRY(guard.admit());
  SP_ASSIGN_OR_RETURN(bool matches, ctx_.hasher.verify(current, user->password_hash));
  if (!matches) {
    const auto record_failure = [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
      SP_TRY(guard.record_failure(tx));
      return audit.record(audit::kPasswordChange, Outcome::kFailure, user_id, "wrong_password");
    };
    SP_TRY(transact_audited(ctx_, client, record_failure));
    // 400, not 401: the caller is signed in, and a client must not take a typo for a dead
    // session (schemas/openapi.yaml documents it).
    Error wrong = Error::invalid("the current password is wrong");
    wrong.fields.push_back({"currentPassword", "is wrong"});
    return wrong;
  }
  if (Status acceptable = ctx_.password_policy.check(next, {user->email, user->handle});
      !acceptable.ok()) {
    Error e = acceptable.error();
    for (FieldError& f : e.fields) f.field = "newPassword";
    return e;
  }
  SP_ASSIGN_OR_RETURN(std::string hash, ctx_.hasher.hash(next));
  std::vector<int64_t> ended;
  SP_TRY(transact_audited(ctx_, client, [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    const int64_t now = ctx_.now_ms();
    SP_TRY(guard.record_success(tx));
    SP_TRY(tx.set_password_hash(user_id, hash, now));
    SP_ASSIGN_OR_RETURN(ended,
                        end_sessions_of_user(tx, ctx_, user_id, keep_family, "password_change"));
    // A password change often follows a compromise: keys made with the old password go too.
    SP_TRY(tx.revoke_api_keys_of_user(user_id, now));
    return audit.record(audit::kPasswordChange, Outcome::kSuccess, user_id);
  }));
  announce_ended_sessions(ctx_, ended);
  return ok_status();
}

}  // namespace sp::auth
