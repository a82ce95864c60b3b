#include "logic/refresh_families.hpp"

#include <algorithm>

#include "logic/session_ends.hpp"
#include "strangeprompt/security/digest.hpp"
#include "strangeprompt/security/random.hpp"

namespace sp::auth {
namespace {

Error invalid_refresh_token() {
  return Error::unauthenticated("invalid refresh token");
}

bool is_live(const RefreshFamily& family, int64_t now_ms) {
  return !family.revoked_at_ms && now_ms < family.absolute_expires_at_ms;
}

Result<IssuedRefreshToken> issue_token(AuthTransaction& tx, const AuthContext& ctx,
                                       const RefreshFamily& family, int64_t now_ms) {
  IssuedRefreshToken issued{.token = security::random_token(32),
                            .family_id = family.id,
                            .expires_at_ms = std::min(now_ms + ctx.settings.refresh_idle_ms,
                                                      family.absolute_expires_at_ms)};
  SP_TRY(tx.insert_refresh_token({.id = ctx.ids.next(),
                                  .family_id = family.id,
                                  .token_hash = refresh_token_hash(issued.token),
                                  .created_at_ms = now_ms,
                                  .idle_expires_at_ms = issued.expires_at_ms,
                                  .rotated_at_ms = std::nullopt}));
  return issued;
}

// A rotated token came back: it leaked (or two clients raced), so the session ends.
Status revoke_for_reuse(AuthTransaction& tx, const AuthContext& ctx, AuditTrail& audit,
                        const RefreshFamily& family, std::vector<int64_t>& ended) {
  SP_ASSIGN_OR_RETURN(bool revoked, end_one_session(tx, ctx, family.user_id, family.id, "reuse"));
  if (revoked) ended = {family.id};
  return audit.record(audit::kRefreshReuse, Outcome::kFailure, family.user_id, "family_revoked");
}

}  // namespace

std::string refresh_token_hash(std::string_view token) {
  return security::sha256_hex(token);
}

Result<IssuedRefreshToken> RefreshFamilies::start(AuthTransaction& tx, int64_t user_id,
                                                  const ClientInfo& client) {
  const int64_t now = ctx_.now_ms();
  const RefreshFamily family{.id = ctx_.ids.next(),
                             .user_id = user_id,
                             .created_at_ms = now,
                             .last_used_at_ms = now,
                             .absolute_expires_at_ms = now + ctx_.settings.refresh_absolute_ms,
                             .user_agent = client.user_agent,
                             .address = client.address,
                             .revoked_at_ms = std::nullopt,
                             .revoke_reason = {}};
  SP_TRY(tx.insert_family(family));
  return issue_token(tx, ctx_, family, now);
}

Result<Rotation> RefreshFamilies::rotate(std::string_view token, const ClientInfo& client) {
  const std::string hash = refresh_token_hash(token);
  std::optional<Error> refusal;
  Rotation rotation;
  std::vector<int64_t> ended;
  const auto rotate_once = [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    const int64_t now = ctx_.now_ms();
    refusal = invalid_refresh_token();
    ended.clear();
    SP_ASSIGN_OR_RETURN(auto current, tx.find_refresh_token(hash));
    if (!current) return audit.record(audit::kRefresh, Outcome::kFailure, {}, "unknown_token");
    SP_ASSIGN_OR_RETURN(auto family, tx.find_family(current->family_id));
    if (!family) return Error::internal_error("refresh token without family");
    if (family->revoked_at_ms) {
      return audit.record(audit::kRefresh, Outcome::kFailure, family->user_id, "revoked");
    }
    // A rotated token came back: within the grace window, the answer the client may have missed;
    // otherwise reuse.
    const auto replay = [&]() -> Status {
      if (now >= family->absolute_expires_at_ms) {
        return revoke_for_reuse(tx, ctx_, audit, *family, ended);
      }
      SP_ASSIGN_OR_RETURN(auto successor, graced_successor(tx, hash, family->id, now));
      if (!successor) return revoke_for_reuse(tx, ctx_, audit, *family, ended);
      SP_ASSIGN_OR_RETURN(auto user, tx.find_user(family->user_id));
      if (!user) return Error::internal_error("refresh family without user");
      rotation.next = std::move(*successor);
      rotation.user = std::move(*user);
      refusal.reset();
      return audit.record(audit::kRefresh, Outcome::kSuccess, family->user_id, "grace");
    };
    if (current->rotated_at_ms) return replay();
    if (now >= current->idle_expires_at_ms || now >= family->absolute_expires_at_ms) {
      return audit.record(audit::kRefresh, Outcome::kFailure, family->user_id, "expired");
    }
    SP_ASSIGN_OR_RETURN(bool won, tx.claim_refresh_token(current->id, now));
    if (!won) return replay();
    SP_ASSIGN_OR_RETURN(auto user, tx.find_user(family->user_id));
    if (!user) return Error::internal_error("refresh family without user");
    SP_ASSIGN_OR_RETURN(rotation.next, issue_token(tx, ctx_, *family, now));
    // Before commit, so a concurrent use that loses the claim finds the successor.
    if (ctx_.settings.refresh_reuse_grace_ms > 0) {
      recent_.remember(hash, rotation.next, now + ctx_.settings.refresh_reuse_grace_ms, now);
    }
    SP_TRY(tx.touch_family(family->id, now, client.user_agent, client.address));
    rotation.user = std::move(*user);
    refusal.reset();
    return audit.record(audit::kRefresh, Outcome::kSuccess, family->user_id);
  };
  SP_TRY(transact_audited(ctx_, client, rotate_once));
  announce_ended_sessions(ctx_, ended);
  if (refusal) return *refusal;
  return rotation;
}

Result<std::optional<IssuedRefreshToken>> RefreshFamilies::graced_successor(
    AuthTransaction& tx, const std::string& rotated_hash, int64_t family_id, int64_t now_ms) {
  std::optional<IssuedRefreshToken> successor;
  if (ctx_.settings.refresh_reuse_grace_ms <= 0) return successor;
  successor = recent_.successor_of(rotated_hash, now_ms);
  if (!successor || successor->family_id != family_id) return std::optional<IssuedRefreshToken>{};
  SP_ASSIGN_OR_RETURN(auto row, tx.find_refresh_token(refresh_token_hash(successor->token)));
  if (!row || row->family_id != family_id || row->rotated_at_ms ||
      now_ms >= row->idle_expires_at_ms) {
    successor.reset();
  }
  return successor;
}

Status RefreshFamilies::end(std::string_view token, const ClientInfo& client) {
  const std::string hash = refresh_token_hash(token);
  std::vector<int64_t> ended;
  SP_TRY(transact_audited(ctx_, client, [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    ended.clear();
    SP_ASSIGN_OR_RETURN(auto current, tx.find_refresh_token(hash));
    if (!current) return ok_status();
    SP_ASSIGN_OR_RETURN(auto family, tx.find_family(current->family_id));
    if (!family) return ok_status();
    SP_ASSIGN_OR_RETURN(bool revoked,
                        end_one_session(tx, ctx_, family->user_id, family->id, "logout"));
    if (revoked) ended = {family->id};
    return audit.record(audit::kLogout, Outcome::kSuccess, family->user_id);
  }));
  announce_ended_sessions(ctx_, ended);
  return ok_status();
}

Result<std::optional<RefreshFamily>> RefreshFamilies::family_of(std::string_view token) {
  SP_ASSIGN_OR_RETURN(auto family, ctx_.store.find_family_by_token(refresh_token_hash(token)));
  if (family && !is_live(*family, ctx_.now_ms())) family.reset();
  return family;
}

Result<std::vector<RefreshFamily>> RefreshFamilies::sessions_of(int64_t user_id) {
  return ctx_.store.live_families(user_id, ctx_.now_ms());
}

Status RefreshFamilies::end_session(int64_t user_id, int64_t family_id, const ClientInfo& client) {
  SP_TRY(transact_audited(ctx_, client, [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    SP_ASSIGN_OR_RETURN(auto family, tx.find_family(family_id));
    if (!family || family->user_id != user_id || !is_live(*family, ctx_.now_ms())) {
      return Error::not_found("no such session");
    }
    SP_TRY(end_one_session(tx, ctx_, user_id, family_id, "user_revoked"));
    return audit.record(audit::kSessionRevoke, Outcome::kSuccess, user_id, "one");
  }));
  announce_ended_sessions(ctx_, {family_id});
  return ok_status();
}

Result<int64_t> RefreshFamilies::end_other_sessions(int64_t user_id, int64_t keep,
                                                    const ClientInfo& client) {
  std::vector<int64_t> ended;
  const auto revoke_others = [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    SP_ASSIGN_OR_RETURN(ended, end_sessions_of_user(tx, ctx_, user_id, keep, "user_revoked"));
    return audit.record(audit::kSessionRevoke, Outcome::kSuccess, user_id,
                        keep != 0 ? "all_others" : "all");
  };
  SP_TRY(transact_audited(ctx_, client, revoke_others));
  announce_ended_sessions(ctx_, ended);
  return static_cast<int64_t>(ended.size());
}

}  // namespace sp::auth
