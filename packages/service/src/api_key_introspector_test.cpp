// The API-key introspection client of services running without auth: what it asks, what it
// caches and for how long, and that it never accepts a key without an answer. Auth's side is a
// scripted fetch (pure logic); the real endpoint is covered by tests/blackbox/split_auth_test.
#include "strangeprompt/service/api_key_introspector.hpp"

#include <gtest/gtest.h>

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/security/api_key.hpp"

namespace sp::service {
namespace {

using std::chrono::milliseconds;

class IntrospectorTest : public ::testing::Test {
 protected:
  IntrospectionOptions options(milliseconds ttl = milliseconds(1000)) {
    IntrospectionOptions o;
    o.url = "http://auth.test";
    o.token = "internal-token-0123456789";
    o.cache_ttl = ttl;
    return o;
  }
  IntrospectFetch fetch() {
    return [this](std::string_view key) -> Result<std::string> {
      asked_.emplace_back(key);
      if (!answer_.ok()) return answer_.error();
      return *answer_;
    };
  }

  ManualClock clock_;
  std::string key_ = security::generate_api_key().key;
  Result<std::string> answer_ = std::string(
      R"({"active":true,"userId":"42","keyId":"7","scopes":["gallery:write"],"expiresAt":null})");
  std::vector<std::string> asked_;
};

TEST_F(IntrospectorTest, AnActiveKeyBecomesAnApiKeyPrincipal) {
  ApiKeyIntrospector introspector(options(), clock_, fetch());
  auto p = introspector.authenticate(key_);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->user_id, 42);
  EXPECT_EQ(p->token_id, "7");
  EXPECT_TRUE(p->via_api_key);
  EXPECT_EQ(p->scopes, (std::vector<std::string>{"gallery:write"}));
  ASSERT_EQ(asked_.size(), 1u);
  EXPECT_EQ(asked_[0], key_);
}

TEST_F(IntrospectorTest, AnswersAreCachedForTheTtlThenAskedAgain) {
  ApiKeyIntrospector introspector(options(milliseconds(1000)), clock_, fetch());
  ASSERT_TRUE(introspector.authenticate(key_).ok());
  clock_.advance(milliseconds(999));
  answer_ = std::string(R"({"active":false})");  // revoked at auth
  EXPECT_TRUE(introspector.authenticate(key_).ok()) << "within the TTL the cached answer holds";
  EXPECT_EQ(introspector.fetches(), 1u);
  clock_.advance(milliseconds(1));
  auto p = introspector.authenticate(key_);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(introspector.fetches(), 2u);
}

TEST_F(IntrospectorTest, InactiveAnswersAreCachedToo) {
  answer_ = std::string(R"({"active":false})");
  ApiKeyIntrospector introspector(options(), clock_, fetch());
  EXPECT_EQ(introspector.authenticate(key_).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(introspector.authenticate(key_).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(introspector.fetches(), 1u);
}

TEST_F(IntrospectorTest, ZeroTtlAsksEveryTime) {
  ApiKeyIntrospector introspector(options(milliseconds(0)), clock_, fetch());
  ASSERT_TRUE(introspector.authenticate(key_).ok());
  ASSERT_TRUE(introspector.authenticate(key_).ok());
  EXPECT_EQ(introspector.fetches(), 2u);
}

TEST_F(IntrospectorTest, AKeyThatExpiresWhileCachedStopsWorkingAtItsExpiry) {
  answer_ = std::string(R"({"active":true,"userId":"42","scopes":[],"expiresAt":")") +
            format_rfc3339_ms(clock_.now_ms() + 500) + "\"}";
  ApiKeyIntrospector introspector(options(milliseconds(10'000)), clock_, fetch());
  ASSERT_TRUE(introspector.authenticate(key_).ok());
  clock_.advance(milliseconds(500));
  EXPECT_EQ(introspector.authenticate(key_).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(introspector.fetches(), 1u);
}

TEST_F(IntrospectorTest, AFailedCallIsUnavailableNeverAnAcceptAndIsNotCached) {
  answer_ = Error::unavailable("auth unreachable");
  ApiKeyIntrospector introspector(options(), clock_, fetch());
  EXPECT_EQ(introspector.authenticate(key_).error().code, ErrorCode::kUnavailable);
  answer_ = std::string(R"({"active":true,"userId":"42","scopes":[]})");
  EXPECT_TRUE(introspector.authenticate(key_).ok()) << "a failure must not be remembered";
  EXPECT_EQ(introspector.fetches(), 2u);
}

TEST_F(IntrospectorTest, AnAnswerOfTheWrongShapeIsUnavailable) {
  for (const char* body : {"", "[]", R"({"active":"yes"})", R"({"active":true,"scopes":[]})",
                           R"({"active":true,"userId":"x","scopes":[]})",
                           R"({"active":true,"userId":"1","scopes":[3]})",
                           R"({"active":true,"userId":"1","scopes":[],"expiresAt":"soon"})"}) {
    answer_ = std::string(body);
    ApiKeyIntrospector introspector(options(), clock_, fetch());
    auto p = introspector.authenticate(key_);
    ASSERT_FALSE(p.ok()) << body;
    EXPECT_EQ(p.error().code, ErrorCode::kUnavailable) << body;
  }
}

TEST_F(IntrospectorTest, AMalformedKeyIsRefusedWithoutAskingAuth) {
  ApiKeyIntrospector introspector(options(), clock_, fetch());
  EXPECT_EQ(introspector.authenticate("sp_nothex_x").error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(asked_.empty());
}

TEST_F(IntrospectorTest, AFullCacheMakesRoomAndStillAnswers) {
  IntrospectionOptions o = options(milliseconds(60'000));
  o.max_entries = 4;
  ApiKeyIntrospector introspector(o, clock_, fetch());
  for (int i = 0; i < 10; ++i) {
    clock_.advance(milliseconds(1));
    ASSERT_TRUE(introspector.authenticate(security::generate_api_key().key).ok());
  }
  ASSERT_TRUE(introspector.authenticate(key_).ok());
  ASSERT_TRUE(introspector.authenticate(key_).ok());
  EXPECT_EQ(introspector.fetches(), 11u) << "the newest key stays cached";
}

TEST(IntrospectionOptionsTest, AUrlNeedsTheInternalTokenAndAnHttpBase) {
  Config config;
  config.set("auth.introspection_url", "ftp://auth");
  SettingsReader reader(config);
  IntrospectionOptions o = IntrospectionOptions::read(reader);
  EXPECT_TRUE(o.enabled());
  const std::string problems = reader.status().ok() ? "" : reader.status().error().message;
  EXPECT_NE(problems.find("auth.introspection_url"), std::string::npos) << problems;
  EXPECT_NE(problems.find("internal.token"), std::string::npos) << problems;
}

TEST(IntrospectionOptionsTest, DefaultsToThirtySecondsAndOff) {
  Config config;
  SettingsReader reader(config);
  IntrospectionOptions o = IntrospectionOptions::read(reader);
  EXPECT_TRUE(reader.ok());
  EXPECT_FALSE(o.enabled());
  EXPECT_EQ(o.cache_ttl, milliseconds(30'000));
}

}  // namespace
}  // namespace sp::service
