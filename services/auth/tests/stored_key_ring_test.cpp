// Specification of the persisted signing keys: rotation survives restarts and reaches other
// replicas, old tokens keep verifying through the grace period, keys are sealed with the KEK.
#include "logic/stored_key_ring.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

using namespace std::chrono_literals;
using testing::AuthHarness;

class StoredKeyRingTest : public ::testing::Test {
 protected:
  std::string stored_key_set() {
    return (*h_.db().query("SELECT key_set FROM signing_key_sets"))[0].get_text(0);
  }
  AuthHarness h_;
};

TEST_F(StoredKeyRingTest, RotationChangesTheSigningKeyAndKeepsTheOldOnePublished) {
  StoredKeyRing& keys = h_.runtime().keys();
  const std::string before = keys.ring().snapshot()->current().kid;
  ASSERT_TRUE(keys.rotate().ok());
  const std::string after = keys.ring().snapshot()->current().kid;
  EXPECT_NE(before, after);
  const std::string jwks = keys.jwks_json();
  EXPECT_NE(jwks.find(before), std::string::npos);
  EXPECT_NE(jwks.find(after), std::string::npos);
  EXPECT_EQ(keys.version(), 2);
}

TEST_F(StoredKeyRingTest, TokensFromBeforeARotationVerifyUntilTheyExpire) {
  const SignedIn ada = h_.sign_up("ada");
  ASSERT_TRUE(h_.runtime().keys().rotate().ok());
  const auto& auth = h_.runtime().authenticator();
  EXPECT_TRUE(auth.authenticate("Bearer " + ada.access.token).ok());
  h_.clock().advance(11min);
  EXPECT_FALSE(auth.authenticate("Bearer " + ada.access.token).ok());
}

TEST_F(StoredKeyRingTest, RetiredKeysLeaveTheJwksAfterTheGracePeriod) {
  StoredKeyRing& keys = h_.runtime().keys();
  const std::string old_kid = keys.ring().snapshot()->current().kid;
  ASSERT_TRUE(keys.rotate().ok());
  h_.clock().advance(h_.runtime().settings().key_grace() + 1s);
  EXPECT_EQ(keys.jwks_json().find(old_kid), std::string::npos);
}

TEST_F(StoredKeyRingTest, AnotherReplicaPicksUpARotationOnAnUnknownKid) {
  auto replica = AuthRuntime::open(h_.db(), h_.clock(), testing::test_settings(), 1);
  ASSERT_TRUE(replica.ok());
  ASSERT_TRUE(h_.runtime().keys().rotate().ok());
  const SignedIn ada = h_.sign_up("ada");  // signed with the new key
  auto principal = (*replica)->authenticator().authenticate("Bearer " + ada.access.token);
  ASSERT_TRUE(principal.ok()) << principal.error().internal;
  EXPECT_EQ(principal->user_id, ada.user.id);
  EXPECT_EQ((*replica)->keys().version(), 2);
}

TEST_F(StoredKeyRingTest, ARestartLoadsTheSameKeys) {
  const SignedIn ada = h_.sign_up("ada");
  auto restarted = AuthRuntime::open(h_.db(), h_.clock(), testing::test_settings(), 1);
  ASSERT_TRUE(restarted.ok());
  EXPECT_TRUE((*restarted)->authenticator().authenticate("Bearer " + ada.access.token).ok());
}

TEST_F(StoredKeyRingTest, WithoutAKekKeysAreStoredPlainAndMarkedSo) {
  EXPECT_TRUE(stored_key_set().starts_with("plain:"));
}

TEST(StoredKeyRingSealing, WithAKekKeysAreSealedAndNeedTheKekToLoad) {
  AuthSettings sealed = testing::test_settings();
  sealed.signing_key_kek = "a key-encryption key from a file";
  AuthHarness h("sqlite", sealed);
  const std::string stored = (*h.db().query("SELECT key_set FROM signing_key_sets"))[0].get_text(0);
  EXPECT_TRUE(stored.starts_with("sealed.v1:"));
  EXPECT_EQ(stored.find("secret"), std::string::npos);

  AuthSettings wrong = sealed;
  wrong.signing_key_kek = "another key";
  EXPECT_FALSE(AuthRuntime::open(h.db(), h.clock(), wrong, 1).ok());
  AuthSettings missing = sealed;
  missing.signing_key_kek.reset();
  EXPECT_FALSE(AuthRuntime::open(h.db(), h.clock(), missing, 1).ok());
  EXPECT_TRUE(AuthRuntime::open(h.db(), h.clock(), sealed, 1).ok());
}

TEST(KeyRotationDue, DueOnlyOnceTheKeyIsAsOldAsThePeriod) {
  ManualClock clock;
  const auto key = security::KeyPair::generate(clock.now_seconds());
  EXPECT_FALSE(key_rotation_due(key, clock, 720h));
  clock.advance(720h - 1s);
  EXPECT_FALSE(key_rotation_due(key, clock, 720h));
  clock.advance(1s);  // exactly the period: due
  EXPECT_TRUE(key_rotation_due(key, clock, 720h));
  clock.advance(1h);
  EXPECT_TRUE(key_rotation_due(key, clock, 720h));
}

TEST(KeyRotationDue, AZeroPeriodDisablesIt) {
  ManualClock clock;
  const auto key = security::KeyPair::generate(clock.now_seconds());
  clock.advance(24h * 3650);
  EXPECT_FALSE(key_rotation_due(key, clock, 0h));
}

TEST_F(StoredKeyRingTest, TheScheduledCheckRotatesAKeyOlderThanThePeriod) {
  StoredKeyRing& keys = h_.runtime().keys();
  const auto period = h_.runtime().settings().key_rotation_period;
  const std::string before = keys.ring().snapshot()->current().kid;
  ASSERT_EQ(keys.rotate_if_due().value(), false);
  h_.clock().advance(period - 1s);
  ASSERT_EQ(keys.rotate_if_due().value(), false);
  EXPECT_EQ(keys.version(), 1);
  h_.clock().advance(2s);
  ASSERT_EQ(keys.rotate_if_due().value(), true);
  EXPECT_EQ(keys.version(), 2);
  EXPECT_NE(keys.ring().snapshot()->current().kid, before);
  EXPECT_EQ(keys.rotate_if_due().value(), false);  // the new key is fresh
}

TEST_F(StoredKeyRingTest, AReplicaCheckingAfterAnotherRotatedAddsNoSecondKey) {
  auto replica = AuthRuntime::open(h_.db(), h_.clock(), testing::test_settings(), 1);
  ASSERT_TRUE(replica.ok());
  h_.clock().advance(h_.runtime().settings().key_rotation_period + 1s);
  ASSERT_EQ(h_.runtime().keys().rotate_if_due().value(), true);
  auto second = (*replica)->keys().rotate_if_due();  // still holds version 1 in memory
  ASSERT_TRUE(second.ok()) << second.error().internal;
  EXPECT_FALSE(*second);
  EXPECT_EQ((*replica)->keys().version(), 2);
  EXPECT_EQ((*replica)->keys().ring().snapshot()->current().kid,
            h_.runtime().keys().ring().snapshot()->current().kid);
}

TEST_F(StoredKeyRingTest, ReplicasCheckingAtTheSameMomentRotateOnce) {
  auto replica = AuthRuntime::open(h_.db(), h_.clock(), testing::test_settings(), 1);
  ASSERT_TRUE(replica.ok());
  h_.clock().advance(h_.runtime().settings().key_rotation_period + 1s);
  Result<bool> a = false;
  Result<bool> b = false;
  std::thread ta([&] { a = h_.runtime().keys().rotate_if_due(); });
  std::thread tb([&] { b = (*replica)->keys().rotate_if_due(); });
  ta.join();
  tb.join();
  ASSERT_TRUE(a.ok()) << a.error().internal;
  ASSERT_TRUE(b.ok()) << b.error().internal;
  EXPECT_EQ(int(*a) + int(*b), 1);
  EXPECT_EQ(h_.runtime().keys().version(), 2);
  EXPECT_EQ((*replica)->keys().version(), 2);
}

TEST(KeySealerTest, TamperedValuesAreRefused) {
  KeySealer sealer(std::string("kek"));
  std::string sealed = sealer.seal("secret key set");
  ASSERT_EQ(*sealer.unseal(sealed), "secret key set");
  sealed[sealed.size() - 2] = sealed[sealed.size() - 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(sealer.unseal(sealed).ok());
  EXPECT_NE(sealer.seal("x"), sealer.seal("x"));  // fresh nonce each time
}

}  // namespace
}  // namespace sp::auth
