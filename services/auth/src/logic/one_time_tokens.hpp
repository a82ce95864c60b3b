#pragma once
// Single-use tokens that reach the user by mail (password reset, email verification): 256 random
// bits, stored only as a SHA-256 hash, valid until their expiry or first use.
#include <cstdint>
#include <string>
#include <string_view>

#include "logic/auth_context.hpp"

namespace sp::auth {

struct IssuedOneTimeToken {
  std::string token;  // the secret: into the event for the mail, nowhere else
  int64_t expires_at_ms = 0;
};

Result<IssuedOneTimeToken> issue_one_time_token(AuthTransaction& tx, const AuthContext& ctx,
                                                TokenPurpose purpose, int64_t user_id,
                                                int64_t ttl_ms);
// Marks the token used inside `tx`; returns its user. kGone when the token is unknown, used or
// expired (one message for all three).
Result<int64_t> consume_one_time_token(AuthTransaction& tx, const AuthContext& ctx,
                                       TokenPurpose purpose, std::string_view token);
std::string one_time_token_hash(std::string_view token);
// The one answer for an unknown, used or expired token (kGone).
Error one_time_token_gone();

}  // namespace sp::auth
