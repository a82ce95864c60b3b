#pragma once
// The AuthStore conformance fixture: a migrated scratch database per test on the backend named by
// the parameter ("sqlite", "postgres"), one user (id 1, "ada") and row builders.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "store/sql_auth_store.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/db/testing/scratch_database.hpp"

namespace sp::auth::testing {

inline constexpr int64_t kNow = 1'750'000'000'000;

inline User user(int64_t id, const std::string& handle) {
  return User{.id = id,
              .email = handle + "@example.com",
              .handle = handle,
              .password_hash = "$argon2id$stub",
              .email_verified = false,
              .scopes = {"gallery:write", "profile:write"},
              .created_at_ms = kNow,
              .updated_at_ms = kNow};
}

inline RefreshFamily family(int64_t id, int64_t user_id) {
  return RefreshFamily{.id = id,
                       .user_id = user_id,
                       .created_at_ms = kNow,
                       .last_used_at_ms = kNow,
                       .absolute_expires_at_ms = kNow + 1000,
                       .user_agent = "ua",
                       .address = "192.0.2.1",
                       .revoked_at_ms = std::nullopt,
                       .revoke_reason = {}};
}

inline RefreshToken token(int64_t id, int64_t family_id, const std::string& hash) {
  return RefreshToken{.id = id,
                      .family_id = family_id,
                      .token_hash = hash,
                      .created_at_ms = kNow,
                      .idle_expires_at_ms = kNow + 500,
                      .rotated_at_ms = std::nullopt};
}

class AuthStoreConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (auto reason = db::testing::backend_unavailable_reason(GetParam())) GTEST_SKIP() << *reason;
    auto scratch = db::testing::ScratchDatabase::create(GetParam());
    ASSERT_TRUE(scratch.ok()) << scratch.error().internal;
    scratch_ = std::move(scratch).value();
    auto migrated = migrate_auth_store(scratch_->db());
    ASSERT_TRUE(migrated.ok()) << migrated.error().internal;
    store_ = std::make_unique<SqlAuthStore>(scratch_->db());
    ASSERT_TRUE(tx([](AuthTransaction& t) { return t.insert_user(user(1, "ada")); }).ok());
  }
  Status tx(const std::function<Status(AuthTransaction&)>& body) { return store_->transact(body); }

  std::unique_ptr<db::testing::ScratchDatabase> scratch_;
  std::unique_ptr<SqlAuthStore> store_;
};

}  // namespace sp::auth::testing
