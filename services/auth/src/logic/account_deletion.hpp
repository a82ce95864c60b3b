#pragma once
// Deleting an account (POST /v1/auth/account/delete). The account row stays with its handle
// reserved (a deleted creator's handle is never handed to someone else, and a new user.signup
// cannot race the old user.deleted in other services); the email is replaced by a tombstone so
// the address can sign up again; the password hash by a value nothing verifies, so log-in fails.
// Every session ends (user.session_ended, reason "account_deleted"), every API key and one-time
// token is revoked, and user.deleted {userId, deletedAt} goes out in the same transaction.
#include <cstdint>
#include <string_view>

#include "logic/auth_context.hpp"
#include "logic/client_info.hpp"

namespace sp::auth {

// Checks `password` under the log-in throttle first: kInvalidArgument (field currentPassword)
// when wrong, kUnauthenticated when the account is gone.
Status delete_account(const AuthContext& ctx, int64_t user_id, std::string_view password,
                      const ClientInfo& client);

}  // namespace sp::auth
