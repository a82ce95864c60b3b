#include <gtest/gtest.h>

#include "token_test_support.hpp"

namespace sp::security {
namespace {

using namespace testing;  // NOLINT: the fixtures of this package's token tests
using std::chrono::hours;
using std::chrono::seconds;

AccessClaims long_lived() {
  AccessClaims claims = standard_access_claims();
  claims.ttl = hours(24);  // outlives the grace period, so only the key can expire it
  return claims;
}

TEST(KeyRotation, NewTokensAreSignedWithTheNewKey) {
  TokenWorld world;
  const std::string old_kid = world.current_key().kid;
  world.ring.rotate(world.now(), hours(1));
  const auto verified = world.verifier.verify(world.issue());
  ASSERT_TRUE(verified.ok());
  EXPECT_NE(verified->kid, old_kid);
  EXPECT_EQ(verified->kid, world.current_key().kid);
}

TEST(KeyRotation, TokensOfTheRetiredKeyVerifyUntilItsGraceEnds) {
  TokenWorld world;
  const std::string token = world.issue(long_lived());
  world.ring.rotate(world.now(), hours(1));
  EXPECT_TRUE(world.verifier.verify(token).ok());

  world.clock.advance(hours(1) - seconds(1));
  EXPECT_TRUE(world.verifier.verify(token).ok());

  world.clock.advance(seconds(1));
  const auto verified = world.verifier.verify(token);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().internal, "unknown or retired kid");
}

TEST(KeyRotation, TheRetiredKeyIsDroppedAtTheNextRotationAfterItsGrace) {
  TokenWorld world;
  world.ring.rotate(world.now(), hours(1));
  EXPECT_EQ(world.ring.snapshot()->keys().size(), 2u);
  world.clock.advance(hours(2));
  world.ring.rotate(world.now(), hours(1));
  EXPECT_EQ(world.ring.snapshot()->keys().size(), 2u);  // the new key and the one just retired
}

}  // namespace
}  // namespace sp::security
