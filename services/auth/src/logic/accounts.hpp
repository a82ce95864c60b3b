#pragma once
// Account life cycle: sign-up, email verification, password change.
#include <cstdint>
#include <string>
#include <string_view>

#include "logic/access_tokens.hpp"
#include "logic/address_throttle.hpp"
#include "logic/auth_context.hpp"
#include "logic/client_info.hpp"
#include "logic/refresh_families.hpp"
#include "logic/signed_in.hpp"

namespace sp::auth {

struct SignupRequest {
  std::string email;
  std::string handle;
  std::string password;
};

class Accounts {
 public:
  Accounts(const AuthContext& ctx, RefreshFamilies& families, const AccessTokens& access,
           const AddressThrottle& throttle)
      : ctx_(ctx), families_(families), access_(access), throttle_(throttle) {}

  // Creates the account and its first session, and publishes user.signup (carrying the email
  // verification token). kInvalidArgument with every bad field; kConflict (field "email" or
  // "handle") when taken; kUnavailable when the hashing slots stay busy; kRateLimited (before any
  // validation, hashing or write) when the client address is over its sign-up limit.
  Result<SignedIn> sign_up(const SignupRequest& request, const ClientInfo& client);
  // Marks the email verified. kGone for an unknown, used or expired token.
  Status verify_email(std::string_view token, const ClientInfo& client);
  // Replaces the password after checking the current one (under the log-in throttle), ends
  // every other session (`keep_family` survives; 0: none) and revokes every API key.
  // kInvalidArgument (field currentPassword) for a wrong current password, kInvalidArgument
  // (field newPassword) when the new one breaks the policy.
  Status change_password(int64_t user_id, std::string_view current, std::string_view next,
                         int64_t keep_family, const ClientInfo& client);

 private:
  Result<User> validated_new_user(const SignupRequest& request) const;

  const AuthContext& ctx_;
  RefreshFamilies& families_;
  const AccessTokens& access_;
  const AddressThrottle& throttle_;
};

}  // namespace sp::auth
