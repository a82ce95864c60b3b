#pragma once
// The events the auth service publishes through its outbox (schemas/events/<type>.v1.json).
// They are the only place a raw one-time token travels: the notifications service mails it.
#include <cstdint>
#include <string_view>
#include <vector>

#include "logic/auth_context.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::auth {

inline constexpr std::string_view kUserSignupTopic = "user.signup";
inline constexpr std::string_view kPasswordResetRequestedTopic = "user.password_reset_requested";
inline constexpr std::string_view kSessionEndedTopic = "user.session_ended";
inline constexpr std::string_view kUserDeletedTopic = "user.deleted";

// data: {userId, handle, email, verificationToken, verificationExpiresAt}
events::Envelope user_signup_event(const AuthContext& ctx, const User& user,
                                   std::string_view verification_token, int64_t expires_at_ms);
// data: {userId, handle, email, resetToken, expiresAt}
events::Envelope password_reset_requested_event(const AuthContext& ctx, const User& user,
                                                std::string_view reset_token,
                                                int64_t expires_at_ms);
// data: {userId, sessionIds, reason, at}: access tokens naming these sessions (sid) must be
// refused from `at` on. Carries no secret.
events::Envelope session_ended_event(const AuthContext& ctx, int64_t user_id,
                                     const std::vector<int64_t>& session_ids,
                                     std::string_view reason, int64_t at_ms);

// data: {userId, deletedAt}: every service removes what it holds of the user.
events::Envelope user_deleted_event(const AuthContext& ctx, int64_t user_id, int64_t at_ms);

}  // namespace sp::auth
