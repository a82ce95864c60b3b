#include "store/sql_rows.hpp"

namespace sp::auth {

User user_from_row(const db::Row& row) {
  return User{.id = row.get_int(0),
              .email = row.get_text(1),
              .handle = row.get_text(2),
              .password_hash = row.get_text(3),
              .email_verified = row.get_int(4) != 0,
              .scopes = split_scopes(row.get_text(5)),
              .created_at_ms = row.get_int(6),
              .updated_at_ms = row.get_int(7)};
}

RefreshFamily family_from_row(const db::Row& row) {
  return RefreshFamily{.id = row.get_int(0),
                       .user_id = row.get_int(1),
                       .created_at_ms = row.get_int(2),
                       .last_used_at_ms = row.get_int(3),
                       .absolute_expires_at_ms = row.get_int(4),
                       .user_agent = row.get_text(5),
                       .address = row.get_text(6),
                       .revoked_at_ms = row.opt_int(7),
                       .revoke_reason = row.get_text(8)};
}

RefreshToken refresh_token_from_row(const db::Row& row) {
  return RefreshToken{.id = row.get_int(0),
                      .family_id = row.get_int(1),
                      .token_hash = row.get_text(2),
                      .created_at_ms = row.get_int(3),
                      .idle_expires_at_ms = row.get_int(4),
                      .rotated_at_ms = row.opt_int(5)};
}

OneTimeToken one_time_token_from_row(const db::Row& row) {
  return OneTimeToken{.id = row.get_int(0),
                      .purpose = row.get_text(1) == to_string(TokenPurpose::kPasswordReset)
                                     ? TokenPurpose::kPasswordReset
                                     : TokenPurpose::kEmailVerification,
                      .user_id = row.get_int(2),
                      .token_hash = row.get_text(3),
                      .created_at_ms = row.get_int(4),
                      .expires_at_ms = row.get_int(5),
                      .used_at_ms = row.opt_int(6)};
}

ApiKey api_key_from_row(const db::Row& row) {
  return ApiKey{.id = row.get_int(0),
                .user_id = row.get_int(1),
                .name = row.get_text(2),
                .prefix = row.get_text(3),
                .secret_hash = row.get_text(4),
                .scopes = split_scopes(row.get_text(5)),
                .created_at_ms = row.get_int(6),
                .expires_at_ms = row.opt_int(7),
                .last_used_at_ms = row.opt_int(8),
                .revoked_at_ms = row.opt_int(9)};
}

AuditEntry audit_entry_from_row(const db::Row& row) {
  return AuditEntry{.id = row.get_int(0),
                    .occurred_at_ms = row.get_int(1),
                    .action = row.get_text(2),
                    .outcome = row.get_text(3),
                    .user_id = row.opt_int(4),
                    .address = row.get_text(5),
                    .user_agent = row.get_text(6),
                    .detail = row.get_text(7)};
}

SigningKeySetRecord key_set_from_row(const db::Row& row) {
  return SigningKeySetRecord{.version = row.get_int(0),
                             .created_at_ms = row.get_int(1),
                             .current_kid = row.get_text(2),
                             .sealed_key_set = row.get_text(3)};
}

}  // namespace sp::auth
