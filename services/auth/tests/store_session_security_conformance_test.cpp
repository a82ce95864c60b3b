// AuthStore contract for session revocation, API-key revocation, failure counts and trusted
// devices. Instantiated over the backends in store_accounts_conformance_test.cpp.
#include <gtest/gtest.h>

#include "support/store_conformance.hpp"

namespace sp::auth {
namespace {

using testing::AuthStoreConformance;
using testing::family;
using testing::kNow;

TEST_P(AuthStoreConformance, UnrevokedFamilyIdsAreThoseRevokingOthersWouldEnd) {
  std::vector<int64_t> ids;
  ASSERT_TRUE(tx([&](AuthTransaction& t) -> Status {
                SP_TRY(t.insert_family(family(10, 1)));
                SP_TRY(t.insert_family(family(20, 1)));
                SP_TRY(t.insert_family(family(30, 1)));
                SP_TRY(t.revoke_family(30, "logout", kNow));
                SP_ASSIGN_OR_RETURN(ids, t.unrevoked_family_ids(1, 10));
                return ok_status();
              }).ok());
  EXPECT_EQ(ids, std::vector<int64_t>{20});
  auto found = store_->find_family(30);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->revoke_reason, "logout");
  EXPECT_FALSE(*store_->find_family(99));
}

TEST_P(AuthStoreConformance, RevokingApiKeysOfAUserCountsOnlyLiveOnes) {
  int64_t revoked = 0;
  ASSERT_TRUE(tx([&](AuthTransaction& t) -> Status {
                for (int64_t id : {1, 2}) {
                  SP_TRY(t.insert_api_key({.id = id,
                                           .user_id = 1,
                                           .name = "k",
                                           .prefix = "sp_x",
                                           .secret_hash = "h" + std::to_string(id),
                                           .scopes = {},
                                           .created_at_ms = kNow,
                                           .expires_at_ms = std::nullopt,
                                           .last_used_at_ms = std::nullopt,
                                           .revoked_at_ms = std::nullopt}));
                }
                SP_TRY(t.revoke_api_key(1, 1, kNow));
                SP_ASSIGN_OR_RETURN(revoked, t.revoke_api_keys_of_user(1, kNow + 1));
                return ok_status();
              }).ok());
  EXPECT_EQ(revoked, 1);
  auto keys = store_->api_keys_of(1);
  ASSERT_TRUE(keys.ok());
  for (const ApiKey& k : *keys) EXPECT_TRUE(k.revoked_at_ms);
}

TEST_P(AuthStoreConformance, CountFailureReturnsTheCountAndForgets) {
  std::vector<int64_t> counts;
  ASSERT_TRUE(tx([&](AuthTransaction& t) -> Status {
                for (int64_t at : {kNow, kNow + 1, kNow + 2}) {
                  SP_ASSIGN_OR_RETURN(int64_t n, t.count_failure("s", at, kNow - 10));
                  counts.push_back(n);
                }
                SP_ASSIGN_OR_RETURN(int64_t restarted, t.count_failure("s", kNow + 100, kNow + 50));
                counts.push_back(restarted);
                return ok_status();
              }).ok());
  EXPECT_EQ(counts, (std::vector<int64_t>{1, 2, 3, 1}));
}

TEST_P(AuthStoreConformance, TrustedDevicesAreFoundByTheirHash) {
  ASSERT_TRUE(tx([](AuthTransaction& t) {
                return t.insert_device({.id = 5,
                                        .user_id = 1,
                                        .token_hash = "dh",
                                        .created_at_ms = kNow,
                                        .expires_at_ms = kNow + 10});
              }).ok());
  auto found = store_->find_device("dh");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->user_id, 1);
  EXPECT_EQ((*found)->expires_at_ms, kNow + 10);
  EXPECT_FALSE(*store_->find_device("other"));
}

}  // namespace
}  // namespace sp::auth
