// Specification of the audit log: every authentication event is one row, written with the change
// it records, and one log line once that change committed.
#include "logic/audit_trail.hpp"

#include <gtest/gtest.h>

#include <map>

#include "logic/auth_events.hpp"
#include "strangeprompt/core/log.hpp"
#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

using testing::AuthHarness;
using testing::kPassword;

std::map<std::string, int> actions_in(db::Database& db) {
  auto rows = db.query("SELECT action, outcome FROM audit_log");
  std::map<std::string, int> counts;
  for (const auto& row : *rows) {
    ++counts[row.get_text(0) + "/" + row.get_text(1)];
  }
  return counts;
}

TEST(AuditTrailTest, EveryAuthEventIsOneAuditRow) {
  AuthHarness h;
  const ClientInfo client = AuthHarness::client();
  const SignedIn ada = h.sign_up("ada");
  auto& flows = h.flows();
  ASSERT_FALSE(flows.login.log_in({"ada", "wrong password"}, client).ok());
  auto session = flows.login.log_in({"ada", std::string(kPassword)}, client);
  auto rotated = flows.sessions.rotate(session->refresh.token, client);
  h.clock().advance(std::chrono::seconds(10));                               // past the reuse grace
  ASSERT_FALSE(flows.sessions.rotate(session->refresh.token, client).ok());  // reuse
  ASSERT_TRUE(flows.sessions.end(ada.refresh.token, client).ok());
  ASSERT_TRUE(
      flows.accounts.verify_email(h.last_event_field(kUserSignupTopic, "verificationToken"), client)
          .ok());
  ASSERT_TRUE(
      flows.accounts.change_password(ada.user.id, kPassword, "second passphrase", 0, client).ok());
  ASSERT_TRUE(flows.password_reset.request("ada@example.com", client).ok());
  ASSERT_TRUE(flows.password_reset
                  .complete(h.last_event_field(kPasswordResetRequestedTopic, "resetToken"),
                            "third passphrase", client)
                  .ok());
  auto key =
      flows.api_keys.create(ada.user.id, {.name = "k", .scopes = {}, .expires_at_ms = {}}, client);
  ASSERT_TRUE(flows.api_keys.revoke(ada.user.id, key->key.id, client).ok());

  const std::map<std::string, int> expected{{"signup/success", 1},
                                            {"login/failure", 1},
                                            {"login/success", 1},
                                            {"refresh/success", 1},
                                            {"refresh.reuse_detected/failure", 1},
                                            {"logout/success", 1},
                                            {"email.verify/success", 1},
                                            {"password.change/success", 1},
                                            {"password.reset_request/success", 1},
                                            {"password.reset/success", 1},
                                            {"api_key.create/success", 1},
                                            {"api_key.revoke/success", 1}};
  EXPECT_EQ(actions_in(h.db()), expected);
}

TEST(AuditTrailTest, ARolledBackChangeLeavesNeitherRowNorLogLine) {
  AuthHarness h;
  std::string logged;
  Logger::global().set_sink([&](std::string_view line) { logged += line; });
  Status failed = transact_audited(h.flows().ctx, AuthHarness::client(),
                                   [](AuthTransaction&, AuditTrail& audit) -> Status {
                                     SP_TRY(audit.record(audit::kLogin, Outcome::kSuccess, 1));
                                     return Error::conflict("changed my mind");
                                   });
  Logger::global().set_sink(nullptr);
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(actions_in(h.db()).empty());
  EXPECT_EQ(logged.find("\"audit\""), std::string::npos);
}

TEST(AuditTrailTest, ACommittedEntryIsLoggedWithoutSecrets) {
  AuthHarness h;
  std::string logged;
  Logger::global().set_sink([&](std::string_view line) { logged += line; });
  const SignedIn ada = h.sign_up("ada");
  Logger::global().set_sink(nullptr);
  EXPECT_NE(logged.find("\"action\":\"signup\""), std::string::npos) << logged;
  EXPECT_NE(logged.find("\"user_id\":\"" + std::to_string(ada.user.id) + "\""), std::string::npos);
  EXPECT_EQ(logged.find(kPassword), std::string::npos);
}

}  // namespace
}  // namespace sp::auth
