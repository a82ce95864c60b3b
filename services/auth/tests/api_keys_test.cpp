// Specification of API keys: scopes are a subset of the owner's, the key is shown once and
// stored hashed, revoked and expired keys stop working, last use is recorded.
#include "logic/api_keys.hpp"

#include <gtest/gtest.h>

#include "strangeprompt/security/api_key.hpp"
#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

using namespace std::chrono_literals;
using testing::AuthHarness;

class ApiKeysTest : public ::testing::Test {
 protected:
  void SetUp() override { ada_ = h_.sign_up("ada"); }
  ApiKeys& keys() { return h_.flows().api_keys; }
  Result<CreatedApiKey> create(std::vector<std::string> scopes,
                               std::optional<int64_t> expires_at_ms = std::nullopt) {
    return keys().create(
        ada_.user.id, {.name = "ci", .scopes = std::move(scopes), .expires_at_ms = expires_at_ms},
        AuthHarness::client());
  }

  AuthHarness h_;
  SignedIn ada_;
};

TEST_F(ApiKeysTest, CreatedKeyAuthenticatesWithItsScopes) {
  auto created = create({"gallery:write"});
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(security::parse_api_key(created->secret).has_value());
  EXPECT_TRUE(created->secret.starts_with(created->key.prefix));
  auto identity = keys().authenticate(created->secret);
  ASSERT_TRUE(identity.ok());
  EXPECT_EQ(identity->user_id, ada_.user.id);
  EXPECT_EQ(identity->key_id, created->key.id);
  EXPECT_EQ(identity->scopes, std::vector<std::string>{"gallery:write"});
}

TEST_F(ApiKeysTest, OnlyTheHashIsStored) {
  auto created = create({});
  ASSERT_TRUE(created.ok());
  auto listed = keys().list(ada_.user.id);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].secret_hash, security::api_key_hash(created->secret));
  auto rows = h_.db().query("SELECT prefix, secret_hash, name FROM api_keys");
  for (std::size_t column = 0; column < 3; ++column) {
    EXPECT_EQ((*rows)[0].get_text(column).find(created->secret), std::string::npos);
  }
}

TEST_F(ApiKeysTest, ScopesMustBeASubsetOfTheOwners) {
  auto admin = create({"admin"});
  ASSERT_FALSE(admin.ok());
  EXPECT_EQ(admin.error().code, ErrorCode::kPermissionDenied);
  auto unknown = create({"root:everything"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(ApiKeysTest, NameIsRequired) {
  auto unnamed = keys().create(ada_.user.id, {.name = "  ", .scopes = {}, .expires_at_ms = {}},
                               AuthHarness::client());
  ASSERT_FALSE(unnamed.ok());
  EXPECT_EQ(unnamed.error().fields.at(0).field, "name");
}

TEST_F(ApiKeysTest, RevokedKeyStopsWorking) {
  auto created = create({"gallery:write"});
  ASSERT_TRUE(keys().revoke(ada_.user.id, created->key.id, AuthHarness::client()).ok());
  auto identity = keys().authenticate(created->secret);
  ASSERT_FALSE(identity.ok());
  EXPECT_EQ(identity.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(keys().revoke(ada_.user.id, created->key.id, AuthHarness::client()).error().code,
            ErrorCode::kNotFound);
}

TEST_F(ApiKeysTest, OnlyTheOwnerCanRevoke) {
  const SignedIn bob = h_.sign_up("bob");
  auto created = create({});
  EXPECT_EQ(keys().revoke(bob.user.id, created->key.id, AuthHarness::client()).error().code,
            ErrorCode::kNotFound);
  EXPECT_TRUE(keys().authenticate(created->secret).ok());
}

TEST_F(ApiKeysTest, ExpiredKeyStopsWorking) {
  auto created = create({}, h_.clock().now_ms() + 3'600'000);
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(keys().authenticate(created->secret).ok());
  h_.clock().advance(1h);
  EXPECT_FALSE(keys().authenticate(created->secret).ok());
}

TEST_F(ApiKeysTest, ExpiryMustBeInTheFuture) {
  auto past = create({}, h_.clock().now_ms() - 1);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().fields.at(0).field, "expiresAt");
}

TEST_F(ApiKeysTest, MalformedAndUnknownKeysAreRefusedAlike) {
  auto created = create({});
  std::string forged = created->secret;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  for (const std::string& key : {std::string("sp_nope"), forged, std::string("")}) {
    auto identity = keys().authenticate(key);
    ASSERT_FALSE(identity.ok()) << key;
    EXPECT_EQ(identity.error().message, "invalid API key");
  }
}

TEST_F(ApiKeysTest, LastUseIsRecordedAtMostOncePerMinute) {
  auto created = create({});
  ASSERT_TRUE(keys().authenticate(created->secret).ok());
  const int64_t first_use = h_.clock().now_ms();
  h_.clock().advance(30s);
  ASSERT_TRUE(keys().authenticate(created->secret).ok());
  EXPECT_EQ((*keys().list(ada_.user.id))[0].last_used_at_ms, first_use);
  h_.clock().advance(31s);
  ASSERT_TRUE(keys().authenticate(created->secret).ok());
  EXPECT_EQ((*keys().list(ada_.user.id))[0].last_used_at_ms, h_.clock().now_ms());
}

TEST_F(ApiKeysTest, CreationAndRevocationAreAudited) {
  auto created = create({});
  ASSERT_TRUE(keys().revoke(ada_.user.id, created->key.id, AuthHarness::client()).ok());
  auto audit = h_.store().audit_of_user(ada_.user.id, 10);
  EXPECT_EQ((*audit)[0].action, "api_key.revoke");
  EXPECT_EQ((*audit)[1].action, "api_key.create");
  EXPECT_EQ((*audit)[1].detail, created->key.prefix);
}

}  // namespace
}  // namespace sp::auth
