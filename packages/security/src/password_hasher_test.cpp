#include "strangeprompt/security/password_hasher.hpp"

#include <gtest/gtest.h>

namespace sp::security {
namespace {

using std::chrono::milliseconds;

constexpr std::string_view kPassword = "tangerine lighthouse";

// Cheaper than the defaults so the suite stays fast; the defaults get one round trip below.
PasswordHasherOptions cheap() {
  PasswordHasherOptions o;
  o.params = {.iterations = 1, .memory_bytes = 1u << 20};
  return o;
}

TEST(PasswordHasher, DefaultsAreOwaspArgon2id) {
  const PasswordHasher hasher;
  EXPECT_GE(hasher.params().memory_bytes, 19u * 1024 * 1024);
  EXPECT_GE(hasher.params().iterations, 2u);
  const auto encoded = hasher.hash(kPassword);
  ASSERT_TRUE(encoded.ok());
  EXPECT_TRUE(encoded->starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << *encoded;
  EXPECT_EQ(hasher.verify(kPassword, *encoded).value_or(false), true);
}

TEST(PasswordHasher, RoundTripsAndSaltsEachHash) {
  const PasswordHasher hasher(cheap());
  const auto a = hasher.hash(kPassword);
  const auto b = hasher.hash(kPassword);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(hasher.verify(kPassword, *a).value_or(false));
  EXPECT_TRUE(hasher.verify(kPassword, *b).value_or(false));
}

TEST(PasswordHasher, RejectsAWrongPassword) {
  const PasswordHasher hasher(cheap());
  const auto encoded = hasher.hash(kPassword);
  ASSERT_TRUE(encoded.ok());
  const auto wrong = hasher.verify("tangerine lighthousE", *encoded);
  ASSERT_TRUE(wrong.ok());
  EXPECT_FALSE(*wrong);
}

TEST(PasswordHasher, DoesNotTruncateLongPasswords) {
  const PasswordHasher hasher(cheap());
  const std::string long_password(300, 'k');
  const auto encoded = hasher.hash(long_password);
  ASSERT_TRUE(encoded.ok());
  EXPECT_FALSE(hasher.verify(long_password.substr(0, 299), *encoded).value_or(true));
  EXPECT_TRUE(hasher.verify(long_password, *encoded).value_or(false));
}

TEST(PasswordHasher, MalformedEncodedHashNeverMatches) {
  const PasswordHasher hasher(cheap());
  EXPECT_FALSE(hasher.verify(kPassword, "").value_or(true));
  EXPECT_FALSE(hasher.verify(kPassword, "$argon2id$v=19$m=1024,t=1,p=1$bad").value_or(true));
  EXPECT_FALSE(hasher.verify(kPassword, std::string(500, '$')).value_or(true));
}

TEST(PasswordHasher, RefusesPasswordsBeyondTheByteLimit) {
  PasswordHasherOptions o = cheap();
  o.max_password_bytes = 64;
  const PasswordHasher hasher(o);
  const auto hashed = hasher.hash(std::string(65, 'k'));
  ASSERT_FALSE(hashed.ok());
  EXPECT_EQ(hashed.error().code, ErrorCode::kInvalidArgument);
}

TEST(PasswordHasher, NeedsRehashWhenParametersAreWeakerOrForeign) {
  PasswordHasherOptions weak = cheap();
  PasswordHasherOptions strong = cheap();
  strong.params.iterations = 3;
  const auto encoded = PasswordHasher(weak).hash(kPassword);
  ASSERT_TRUE(encoded.ok());
  EXPECT_FALSE(PasswordHasher(weak).needs_rehash(*encoded));
  EXPECT_TRUE(PasswordHasher(strong).needs_rehash(*encoded));
  EXPECT_TRUE(PasswordHasher(weak).needs_rehash("$2b$12$bcryptbcryptbcryptbcrypt"));
  EXPECT_TRUE(PasswordHasher(weak).needs_rehash(""));
}

TEST(PasswordHasher, DummyVerifySucceedsAndUsesASlot) {
  const PasswordHasher hasher(cheap());
  EXPECT_TRUE(hasher.dummy_verify(kPassword).ok());
  EXPECT_TRUE(hasher.dummy_verify(kPassword).ok());
}

TEST(PasswordHasher, SaturatedSlotsAnswerUnavailable) {
  PasswordHasherOptions o = cheap();
  o.slots = std::make_shared<WorkSlots>(1);
  o.wait_timeout = milliseconds(10);
  const PasswordHasher hasher(o);
  const auto encoded = hasher.hash(kPassword);
  ASSERT_TRUE(encoded.ok());

  auto held = o.slots->acquire(milliseconds(0));  // another login holds the only slot
  ASSERT_TRUE(held.has_value());
  const auto hashed = hasher.hash(kPassword);
  ASSERT_FALSE(hashed.ok());
  EXPECT_EQ(hashed.error().code, ErrorCode::kUnavailable);
  EXPECT_GT(hashed.error().retry_after_seconds, 0);
  const auto verified = hasher.verify(kPassword, *encoded);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(hasher.dummy_verify(kPassword).error().code, ErrorCode::kUnavailable);

  held.reset();
  EXPECT_TRUE(hasher.verify(kPassword, *encoded).value_or(false));
}

}  // namespace
}  // namespace sp::security
