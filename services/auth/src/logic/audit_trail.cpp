#include "logic/audit_trail.hpp"

#include <optional>
#include <vector>

#include "strangeprompt/core/log.hpp"
#include "strangeprompt/metrics/metrics.hpp"

namespace sp::auth {

Status AuditTrail::record(std::string_view action, Outcome outcome, std::optional<int64_t> user_id,
                          std::string_view detail) {
  AuditEntry entry{.id = ctx_.ids.next(),
                   .occurred_at_ms = ctx_.now_ms(),
                   .action = std::string(action),
                   .outcome = outcome == Outcome::kSuccess ? "success" : "failure",
                   .user_id = user_id,
                   .address = client_.address,
                   .user_agent = client_.user_agent,
                   .detail = std::string(detail)};
  SP_TRY(tx_.append_audit(entry));
  recorded_.push_back(std::move(entry));
  return ok_status();
}

void log_audit_entries(const AuthContext& ctx, const std::vector<AuditEntry>& entries) {
  for (const AuditEntry& e : entries) {
    log_info("auth", "audit",
             {{"action", e.action},
              {"outcome", e.outcome},
              {"user_id", e.user_id ? std::to_string(*e.user_id) : std::string()},
              {"address", e.address},
              {"detail", e.detail},
              {"audit_id", std::to_string(e.id)}});
    if (ctx.metrics != nullptr) {
      ctx.metrics->add_counter("sp_auth_events_total",
                               "action=\"" + e.action + "\",outcome=\"" + e.outcome + "\"");
    }
  }
}

Status transact_audited(const AuthContext& ctx, const ClientInfo& client,
                        const std::function<Status(AuthTransaction&, AuditTrail&)>& body) {
  std::vector<AuditEntry> recorded;
  const auto run_body = [&](AuthTransaction& tx) -> Status {
    recorded.clear();  // a retried body starts a fresh trail
    AuditTrail trail(tx, ctx, client, recorded);
    return body(tx, trail);
  };
  SP_TRY(ctx.store.transact(run_body));
  log_audit_entries(ctx, recorded);
  return ok_status();
}

}  // namespace sp::auth
