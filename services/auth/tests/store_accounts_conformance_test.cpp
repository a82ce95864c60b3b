// AuthStore contract, accounts side: users, one-time tokens, API keys, the log-in throttle.
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

TEST_P(AuthStoreConformance, MigrationsAreIdempotent) {
  auto again = migrate_auth_store(scratch_->db());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

TEST_P(AuthStoreConformance, UsersRoundTrip) {
  auto found = store_->find_user(1);
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->handle, "ada");
  EXPECT_EQ((*found)->scopes, (std::vector<std::string>{"gallery:write", "profile:write"}));
  EXPECT_FALSE((*found)->email_verified);
  auto by_email = store_->find_user_by_login("ada@example.com");
  auto by_handle = store_->find_user_by_login("ada");
  ASSERT_TRUE(by_email.ok() && *by_email && by_handle.ok() && *by_handle);
  EXPECT_EQ((*by_email)->id, 1);
  EXPECT_EQ((*by_handle)->id, 1);
  auto missing = store_->find_user(99);
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(*missing);
}

TEST_P(AuthStoreConformance, DuplicateEmailOrHandleIsAConflict) {
  User same_handle = user(2, "ada");
  same_handle.email = "other@example.com";
  Status inserted = tx([&](AuthTransaction& t) { return t.insert_user(same_handle); });
  ASSERT_FALSE(inserted.ok());
  EXPECT_EQ(inserted.error().code, ErrorCode::kConflict);
  std::vector<std::string> taken;
  ASSERT_TRUE(tx([&](AuthTransaction& t) -> Status {
                SP_ASSIGN_OR_RETURN(taken, t.taken_fields("ada@example.com", "ada"));
                return ok_status();
              }).ok());
  EXPECT_EQ(taken, (std::vector<std::string>{"email", "handle"}));
}

TEST_P(AuthStoreConformance, PasswordAndVerificationUpdates) {
  ASSERT_TRUE(tx([](AuthTransaction& t) -> Status {
                SP_TRY(t.set_password_hash(1, "$argon2id$new", kNow + 5));
                return t.set_email_verified(1, kNow + 5);
              }).ok());
  auto found = store_->find_user(1);
  EXPECT_EQ((*found)->password_hash, "$argon2id$new");
  EXPECT_TRUE((*found)->email_verified);
  EXPECT_EQ((*found)->updated_at_ms, kNow + 5);
}

TEST_P(AuthStoreConformance, OneTimeTokensAreConsumedOnce) {
  const OneTimeToken reset{.id = 40,
                           .purpose = TokenPurpose::kPasswordReset,
                           .user_id = 1,
                           .token_hash = "r1",
                           .created_at_ms = kNow,
                           .expires_at_ms = kNow + 10,
                           .used_at_ms = std::nullopt};
  OneTimeToken other = reset;
  other.id = 41;
  other.token_hash = "r2";
  bool first = false, second = true;
  int64_t live_before = 0, live_after = 0;
  ASSERT_TRUE(
      tx([&](AuthTransaction& t) -> Status {
        SP_TRY(t.insert_one_time_token(reset));
        SP_TRY(t.insert_one_time_token(other));
        SP_ASSIGN_OR_RETURN(live_before, t.count_live_one_time_tokens(1, reset.purpose, kNow));
        SP_ASSIGN_OR_RETURN(first, t.consume_one_time_token(40, kNow));
        SP_ASSIGN_OR_RETURN(second, t.consume_one_time_token(40, kNow));
        SP_TRY(t.consume_all_one_time_tokens(1, reset.purpose, kNow));
        SP_ASSIGN_OR_RETURN(live_after, t.count_live_one_time_tokens(1, reset.purpose, kNow));
        return ok_status();
      }).ok());
  EXPECT_EQ(live_before, 2);
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  EXPECT_EQ(live_after, 0);
  auto found = store_->find_one_time_token(TokenPurpose::kPasswordReset, "r2");
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_TRUE((*found)->used_at_ms);
  EXPECT_FALSE(*store_->find_one_time_token(TokenPurpose::kEmailVerification, "r2"));
}

TEST_P(AuthStoreConformance, ApiKeysAreRevokedOnlyByTheirOwner) {
  const ApiKey key{.id = 50,
                   .user_id = 1,
                   .name = "ci",
                   .prefix = "sp_0123abcd",
                   .secret_hash = "k1",
                   .scopes = {"gallery:write"},
                   .created_at_ms = kNow,
                   .expires_at_ms = kNow + 100,
                   .last_used_at_ms = std::nullopt,
                   .revoked_at_ms = std::nullopt};
  bool by_stranger = true, by_owner = false;
  ASSERT_TRUE(tx([&](AuthTransaction& t) -> Status {
                SP_TRY(t.insert_api_key(key));
                SP_ASSIGN_OR_RETURN(by_stranger, t.revoke_api_key(2, 50, kNow));
                return ok_status();
              }).ok());
  ASSERT_TRUE(store_->touch_api_key(50, kNow + 7).ok());
  auto found = store_->find_api_key("k1");
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->scopes, key.scopes);
  EXPECT_EQ((*found)->expires_at_ms, kNow + 100);
  EXPECT_EQ((*found)->last_used_at_ms, kNow + 7);
  ASSERT_TRUE(tx([&](AuthTransaction& t) -> Status {
                SP_ASSIGN_OR_RETURN(by_owner, t.revoke_api_key(1, 50, kNow + 9));
                return ok_status();
              }).ok());
  EXPECT_FALSE(by_stranger);
  EXPECT_TRUE(by_owner);
  EXPECT_EQ((*store_->api_keys_of(1))[0].revoked_at_ms, kNow + 9);
}

TEST_P(AuthStoreConformance, ThrottleCountsFailuresAndForgetsOldOnes) {
  auto fail = [&](int64_t at, int64_t forget_before) {
    return tx([&](AuthTransaction& t) { return t.record_failure("address:x", at, forget_before); });
  };
  ASSERT_TRUE(fail(kNow, 0).ok());
  ASSERT_TRUE(fail(kNow + 1, 0).ok());
  EXPECT_EQ(store_->throttle_state("address:x")->failures, 2);
  EXPECT_EQ(store_->throttle_state("address:x")->last_failure_at_ms, kNow + 1);
  ASSERT_TRUE(fail(kNow + 100, kNow + 50).ok());  // the last failure is older: restart
  EXPECT_EQ(store_->throttle_state("address:x")->failures, 1);
  ASSERT_TRUE(tx([](AuthTransaction& t) { return t.clear_failures("address:x"); }).ok());
  EXPECT_EQ(store_->throttle_state("address:x")->failures, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthStoreConformance, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace sp::auth
