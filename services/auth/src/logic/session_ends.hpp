#pragma once
// Ending sessions, the one way: revoke the refresh families and publish user.session_ended in
// the same transaction, then, once it committed, tell the in-process authenticator
// (ctx.sessions_ended) so the sessions' access tokens stop working at once.
#include <cstdint>
#include <string_view>
#include <vector>

#include "logic/auth_context.hpp"

namespace sp::auth {

// Revokes every unrevoked family of `user_id` but `keep` (0: none) inside `tx` and enqueues one
// user.session_ended listing them (none when nothing ended); returns the ids.
Result<std::vector<int64_t>> end_sessions_of_user(AuthTransaction& tx, const AuthContext& ctx,
                                                  int64_t user_id, int64_t keep,
                                                  std::string_view reason);
// Revokes one family inside `tx`; false (and no event) when it was already revoked.
Result<bool> end_one_session(AuthTransaction& tx, const AuthContext& ctx, int64_t user_id,
                             int64_t family_id, std::string_view reason);
// After commit: hands `ended` to ctx.sessions_ended (if set and not empty).
void announce_ended_sessions(const AuthContext& ctx, const std::vector<int64_t>& ended);

// kUnauthenticated ("session ended") unless `session_id` is a family of `user_id` that is
// neither revoked nor past its absolute expiry, read from the store (every replica agrees).
Status require_live_session(const AuthContext& ctx, int64_t user_id, int64_t session_id);

}  // namespace sp::auth
