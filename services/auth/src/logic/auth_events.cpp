#include "logic/auth_events.hpp"

#include <string>

#include "strangeprompt/core/json_text.hpp"

namespace sp::auth {
namespace {

events::Envelope envelope(const AuthContext& ctx, std::string_view type, const User& user,
                          std::string data) {
  return events::Envelope{.id = id_to_string(ctx.ids.next()),
                          .type = std::string(type),
                          .version = 1,
                          .occurred_at_ms = ctx.now_ms(),
                          .key = id_to_string(user.id),
                          .data_json = std::move(data)};
}

// {"userId":..,"handle":..,"email":..,"<token_field>":..,"<expiry_field>":..}
std::string token_data(const User& user, std::string_view token_field, std::string_view token,
                       std::string_view expiry_field, int64_t expires_at_ms) {
  std::string out = "{\"userId\":" + json_quote(id_to_string(user.id));
  out += ",\"handle\":" + json_quote(user.handle);
  out += ",\"email\":" + json_quote(user.email);
  out += "," + json_quote(token_field) + ":" + json_quote(token);
  out += "," + json_quote(expiry_field) + ":" + json_quote(format_rfc3339_ms(expires_at_ms));
  return out + "}";
}

}  // namespace

events::Envelope user_signup_event(const AuthContext& ctx, const User& user,
                                   std::string_view verification_token, int64_t expires_at_ms) {
  return envelope(ctx, kUserSignupTopic, user,
                  token_data(user, "verificationToken", verification_token, "verificationExpiresAt",
                             expires_at_ms));
}

events::Envelope password_reset_requested_event(const AuthContext& ctx, const User& user,
                                                std::string_view reset_token,
                                                int64_t expires_at_ms) {
  return envelope(ctx, kPasswordResetRequestedTopic, user,
                  token_data(user, "resetToken", reset_token, "expiresAt", expires_at_ms));
}

events::Envelope session_ended_event(const AuthContext& ctx, int64_t user_id,
                                     const std::vector<int64_t>& session_ids,
                                     std::string_view reason, int64_t at_ms) {
  std::string data = "{\"userId\":" + json_quote(id_to_string(user_id)) + ",\"sessionIds\":[";
  for (std::size_t i = 0; i < session_ids.size(); ++i) {
    if (i > 0) data += ',';
    data += json_quote(id_to_string(session_ids[i]));
  }
  data += "],\"reason\":" + json_quote(reason);
  data += ",\"at\":" + json_quote(format_rfc3339_ms(at_ms)) + "}";
  return events::Envelope{.id = id_to_string(ctx.ids.next()),
                          .type = std::string(kSessionEndedTopic),
                          .version = 1,
                          .occurred_at_ms = at_ms,
                          .key = id_to_string(user_id),
                          .data_json = std::move(data)};
}

events::Envelope user_deleted_event(const AuthContext& ctx, int64_t user_id, int64_t at_ms) {
  std::string data = "{\"userId\":" + json_quote(id_to_string(user_id)) +
                     ",\"deletedAt\":" + json_quote(format_rfc3339_ms(at_ms)) + "}";
  return events::Envelope{.id = id_to_string(ctx.ids.next()),
                          .type = std::string(kUserDeletedTopic),
                          .version = 1,
                          .occurred_at_ms = at_ms,
                          .key = id_to_string(user_id),
                          .data_json = std::move(data)};
}

}  // namespace sp::auth
