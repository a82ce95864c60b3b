#include "logic/session_ends.hpp"

#include "logic/auth_events.hpp"

namespace sp::auth {

Result<std::vector<int64_t>> end_sessions_of_user(AuthTransaction& tx, const AuthContext& ctx,
                                                  int64_t user_id, int64_t keep,
                                                  std::string_view reason) {
  const int64_t now = ctx.now_ms();
  SP_ASSIGN_OR_RETURN(std::vector<int64_t> ids, tx.unrevoked_family_ids(user_id, keep));
  if (ids.empty()) return ids;
  SP_TRY(tx.revoke_families_of_user(user_id, keep, reason, now));
  SP_TRY(tx.enqueue_event(session_ended_event(ctx, user_id, ids, reason, now)));
  return ids;
}

Result<bool> end_one_session(AuthTransaction& tx, const AuthContext& ctx, int64_t user_id,
                             int64_t family_id, std::string_view reason) {
  const int64_t now = ctx.now_ms();
  SP_ASSIGN_OR_RETURN(bool revoked, tx.revoke_family(family_id, reason, now));
  if (!revoked) return false;
  SP_TRY(tx.enqueue_event(session_ended_event(ctx, user_id, {family_id}, reason, now)));
  return true;
}

void announce_ended_sessions(const AuthContext& ctx, const std::vector<int64_t>& ended) {
  if (!ended.empty() && ctx.sessions_ended) ctx.sessions_ended(ended, ctx.now_ms());
}

Status require_live_session(const AuthContext& ctx, int64_t user_id, int64_t session_id) {
  const Error ended = Error::unauthenticated("session ended");
  if (session_id == 0) return ended;  // API keys and tokens without a session
  SP_ASSIGN_OR_RETURN(auto family, ctx.store.find_family(session_id));
  if (!family || family->user_id != user_id || family->revoked_at_ms ||
      ctx.now_ms() >= family->absolute_expires_at_ms) {
    return ended;
  }
  return ok_status();
}

}  // namespace sp::auth
