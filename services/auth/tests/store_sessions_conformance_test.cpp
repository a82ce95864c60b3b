// AuthStore contract, sessions side: refresh families and tokens, the audit log, the outbox,
// signing key sets. Instantiated over the backends in store_accounts_conformance_test.cpp.
#include <gtest/gtest.h>

#include "strangeprompt/events/envelope.hpp"
#include "support/store_conformance.hpp"

namespace sp::auth {
namespace {

using testing::AuthStoreConformance;
using testing::family;
using testing::kNow;
using testing::token;
using testing::user;

TEST_P(AuthStoreConformance, RefreshTokenClaimSucceedsOnce) {
  bool first = false, second = true;
  ASSERT_TRUE(tx([&](AuthTransaction& t) -> Status {
                SP_TRY(t.insert_family(family(10, 1)));
                SP_TRY(t.insert_refresh_token(token(11, 10, "h1")));
                SP_ASSIGN_OR_RETURN(first, t.claim_refresh_token(11, kNow + 1));
                SP_ASSIGN_OR_RETURN(second, t.claim_refresh_token(11, kNow + 2));
                return ok_status();
              }).ok());
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  std::optional<RefreshToken> found;
  ASSERT_TRUE(tx([&](AuthTransaction& t) -> Status {
                SP_ASSIGN_OR_RETURN(found, t.find_refresh_token("h1"));
                return ok_status();
              }).ok());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->rotated_at_ms, kNow + 1);
}

TEST_P(AuthStoreConformance, FamiliesAreRevokedOnceAndListedWhileLive) {
  ASSERT_TRUE(tx([](AuthTransaction& t) -> Status {
                SP_TRY(t.insert_family(family(10, 1)));
                SP_TRY(t.insert_family(family(20, 1)));
                SP_TRY(t.insert_family(family(30, 1)));
                return t.insert_refresh_token(token(31, 30, "h30"));
              }).ok());
  bool revoked = false, again = true;
  int64_t others = 0;
  ASSERT_TRUE(tx([&](AuthTransaction& t) -> Status {
                SP_ASSIGN_OR_RETURN(revoked, t.revoke_family(10, "logout", kNow));
                SP_ASSIGN_OR_RETURN(again, t.revoke_family(10, "logout", kNow));
                SP_ASSIGN_OR_RETURN(others, t.revoke_families_of_user(1, 30, "all", kNow));
                return ok_status();
              }).ok());
  EXPECT_TRUE(revoked);
  EXPECT_FALSE(again);
  EXPECT_EQ(others, 1);  // family 20 only: 10 was already revoked, 30 is kept
  auto live = store_->live_families(1, kNow);
  ASSERT_TRUE(live.ok());
  ASSERT_EQ(live->size(), 1u);
  EXPECT_EQ((*live)[0].id, 30);
  EXPECT_TRUE(store_->live_families(1, kNow + 1000)->empty());  // past absolute expiry
  auto by_token = store_->find_family_by_token("h30");
  ASSERT_TRUE(by_token.ok() && *by_token);
  EXPECT_EQ((*by_token)->id, 30);
}

TEST_P(AuthStoreConformance, AuditLogIsAppendOnly) {
  const AuditEntry entry{.id = 60,
                         .occurred_at_ms = kNow,
                         .action = "login",
                         .outcome = "success",
                         .user_id = 1,
                         .address = "192.0.2.1",
                         .user_agent = "ua",
                         .detail = ""};
  ASSERT_TRUE(tx([&](AuthTransaction& t) { return t.append_audit(entry); }).ok());
  auto rows = store_->audit_of_user(1, 10);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].action, "login");
  EXPECT_FALSE(scratch_->db().execute("UPDATE audit_log SET action = 'x'").ok());
  EXPECT_FALSE(scratch_->db().execute("DELETE FROM audit_log").ok());
  EXPECT_EQ(store_->audit_of_user(1, 10)->size(), 1u);
}

TEST_P(AuthStoreConformance, AFailedTransactionLeavesNoAuditRowOrEvent) {
  const AuditEntry entry{.id = 61,
                         .occurred_at_ms = kNow,
                         .action = "signup",
                         .outcome = "success",
                         .user_id = 1,
                         .address = "",
                         .user_agent = "",
                         .detail = ""};
  events::Envelope event{.id = "e1",
                         .type = "user.signup",
                         .version = 1,
                         .occurred_at_ms = kNow,
                         .key = "1",
                         .data_json = "{}"};
  Status failed = tx([&](AuthTransaction& t) -> Status {
    SP_TRY(t.append_audit(entry));
    SP_TRY(t.enqueue_event(event));
    return Error::conflict("abandon");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(store_->audit_of_user(1, 10)->empty());
  EXPECT_TRUE(scratch_->db().query("SELECT id FROM event_outbox")->empty());
}

TEST_P(AuthStoreConformance, KeySetVersionsConflictAndOnlyTheNewestIsKept) {
  auto put = [&](int64_t version) {
    return tx([&](AuthTransaction& t) {
      return t.replace_key_set({.version = version,
                                .created_at_ms = kNow,
                                .current_kid = "k" + std::to_string(version),
                                .sealed_key_set = "plain:{}"});
    });
  };
  EXPECT_FALSE(*store_->latest_key_set());
  ASSERT_TRUE(put(1).ok());
  ASSERT_TRUE(put(2).ok());
  Status duplicate = put(2);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  auto latest = store_->latest_key_set();
  ASSERT_TRUE(latest.ok() && *latest);
  EXPECT_EQ((*latest)->version, 2);
  EXPECT_EQ((*latest)->current_kid, "k2");
  EXPECT_EQ(scratch_->db().query("SELECT version FROM signing_key_sets")->size(), 1u);
}
}  // namespace
}  // namespace sp::auth
