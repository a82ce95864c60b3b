#pragma once
// The audit log of authentication events: one append-only row per event, written in the same
// transaction as the change it records, and one JSON log line once that transaction commits.
// Entries carry ids, addresses and short reasons, never a password, token or key.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "logic/auth_context.hpp"
#include "logic/client_info.hpp"

namespace sp::auth {

namespace audit {
inline constexpr std::string_view kSignup = "signup";
inline constexpr std::string_view kLogin = "login";
inline constexpr std::string_view kRefresh = "refresh";
inline constexpr std::string_view kRefreshReuse = "refresh.reuse_detected";
inline constexpr std::string_view kLogout = "logout";
inline constexpr std::string_view kSessionRevoke = "session.revoke";
inline constexpr std::string_view kPasswordChange = "password.change";
inline constexpr std::string_view kPasswordResetRequest = "password.reset_request";
inline constexpr std::string_view kPasswordReset = "password.reset";
inline constexpr std::string_view kEmailVerify = "email.verify";
inline constexpr std::string_view kApiKeyCreate = "api_key.create";
inline constexpr std::string_view kApiKeyRevoke = "api_key.revoke";
inline constexpr std::string_view kSigningKeyRotate = "signing_key.rotate";
}  // namespace audit

enum class Outcome { kSuccess, kFailure };

// The audit rows of one transaction. Lives only as long as the transaction.
class AuditTrail {
 public:
  AuditTrail(AuthTransaction& tx, const AuthContext& ctx, const ClientInfo& client,
             std::vector<AuditEntry>& recorded)
      : tx_(tx), ctx_(ctx), client_(client), recorded_(recorded) {}

  // Appends one row inside the transaction; `detail` is a short reason such as "wrong_password".
  Status record(std::string_view action, Outcome outcome, std::optional<int64_t> user_id,
                std::string_view detail = {});

 private:
  AuthTransaction& tx_;
  const AuthContext& ctx_;
  const ClientInfo& client_;
  std::vector<AuditEntry>& recorded_;  // what to log once the transaction commits
};

// One JSON log line per committed entry, each counted in sp_auth_events_total{action,outcome}.
void log_audit_entries(const AuthContext& ctx, const std::vector<AuditEntry>& entries);

// Runs `body` in one transaction with an audit trail and logs the trail once it committed. A
// refusal that must still be audited (wrong password, token reuse) is returned by the body
// through its captures, with the body itself returning ok so the audit rows commit.
Status transact_audited(const AuthContext& ctx, const ClientInfo& client,
                        const std::function<Status(AuthTransaction&, AuditTrail&)>& body);

}  // namespace sp::auth
