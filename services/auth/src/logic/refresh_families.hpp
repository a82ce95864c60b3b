#pragma once
// Refresh tokens grouped in families (one family = one session). Tokens are opaque 256-bit
// values stored only as SHA-256 hashes. Every use rotates the token; presenting a token that was
// already rotated means it leaked, so the whole family is revoked -- except within
// settings.refresh_reuse_grace_ms of its rotation (and only on the replica that rotated it), when
// the same successor is answered again while it is still unused (see recent_rotations.hpp). A
// family expires after settings.refresh_idle_ms without use and settings.refresh_absolute_ms after
// sign-in.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "logic/audit_trail.hpp"
#include "logic/auth_context.hpp"
#include "logic/client_info.hpp"
#include "logic/issued_refresh_token.hpp"
#include "logic/recent_rotations.hpp"

namespace sp::auth {

struct Rotation {
  User user;
  IssuedRefreshToken next;
};

class RefreshFamilies {
 public:
  explicit RefreshFamilies(const AuthContext& ctx) : ctx_(ctx) {}

  // Starts a family for `user_id` inside the caller's transaction; returns its first token.
  Result<IssuedRefreshToken> start(AuthTransaction& tx, int64_t user_id, const ClientInfo& client);
  // Exchanges `token` for the next token of its family. kUnauthenticated ("invalid refresh
  // token") when unknown, expired, revoked or reused; reuse also revokes the family. A rotated
  // token presented again within the grace window, while its family is live and its successor
  // unused, answers that same successor (audited as a refresh with detail "grace").
  Result<Rotation> rotate(std::string_view token, const ClientInfo& client);
  // Revokes the family of `token` (log-out). Unknown or dead tokens are not an error.
  Status end(std::string_view token, const ClientInfo& client);

  // The live family `token` belongs to, if any (the caller's current session).
  Result<std::optional<RefreshFamily>> family_of(std::string_view token);
  // Live sessions of a user, newest first.
  Result<std::vector<RefreshFamily>> sessions_of(int64_t user_id);
  // Revokes one session of `user_id`; kNotFound when it is not theirs or already ended.
  Status end_session(int64_t user_id, int64_t family_id, const ClientInfo& client);
  // Revokes every session of `user_id` but `keep` (0: all); returns how many ended.
  Result<int64_t> end_other_sessions(int64_t user_id, int64_t keep, const ClientInfo& client);

 private:
  // The successor `rotated_hash` may still be answered with: its grace entry has not expired, and
  // the successor's row exists in `family_id` and is itself not rotated.
  Result<std::optional<IssuedRefreshToken>> graced_successor(AuthTransaction& tx,
                                                             const std::string& rotated_hash,
                                                             int64_t family_id, int64_t now_ms);

  const AuthContext& ctx_;
  RecentRotations recent_;  // rotations within the grace window, on this replica
};

// Hash under which a refresh token is stored.
std::string refresh_token_hash(std::string_view token);

}  // namespace sp::auth
