#include "logic/one_time_tokens.hpp"

#include "strangeprompt/security/digest.hpp"
#include "strangeprompt/security/random.hpp"

namespace sp::auth {

std::string one_time_token_hash(std::string_view token) {
  return security::sha256_hex(token);
}

Error one_time_token_gone() {
  return {ErrorCode::kGone, "this link is invalid or has expired"};
}

Result<IssuedOneTimeToken> issue_one_time_token(AuthTransaction& tx, const AuthContext& ctx,
                                                TokenPurpose purpose, int64_t user_id,
                                                int64_t ttl_ms) {
  const int64_t now = ctx.now_ms();
  IssuedOneTimeToken issued{.token = security::random_token(32), .expires_at_ms = now + ttl_ms};
  SP_TRY(tx.insert_one_time_token({.id = ctx.ids.next(),
                                   .purpose = purpose,
                                   .user_id = user_id,
                                   .token_hash = one_time_token_hash(issued.token),
                                   .created_at_ms = now,
                                   .expires_at_ms = issued.expires_at_ms,
                                   .used_at_ms = std::nullopt}));
  return issued;
}

Result<int64_t> consume_one_time_token(AuthTransaction& tx, const AuthContext& ctx,
                                       TokenPurpose purpose, std::string_view token) {
  const int64_t now = ctx.now_ms();
  SP_ASSIGN_OR_RETURN(auto found, tx.find_one_time_token(purpose, one_time_token_hash(token)));
  if (!found || found->used_at_ms || now >= found->expires_at_ms) return one_time_token_gone();
  SP_ASSIGN_OR_RETURN(bool consumed, tx.consume_one_time_token(found->id, now));
  if (!consumed) return one_time_token_gone();
  return found->user_id;
}

}  // namespace sp::auth
