#include "redis/redis_url.hpp"

#include <gtest/gtest.h>

namespace sp::cache::redis {
namespace {

TEST(RedisUrl, HostPortAndDatabase) {
  auto e = parse_redis_url("redis://10.0.0.5:6380/3");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->host, "10.0.0.5");
  EXPECT_EQ(e->port, 6380);
  EXPECT_EQ(e->db, 3);
  EXPECT_TRUE(e->password.empty());
}

TEST(RedisUrl, DefaultsToPort6379AndDatabaseZero) {
  auto e = parse_redis_url("redis://cache");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->host, "cache");
  EXPECT_EQ(e->port, 6379);
  EXPECT_EQ(e->db, 0);
}

TEST(RedisUrl, UserAndPassword) {
  auto e = parse_redis_url("redis://app:s3cr:et@cache:7000/1");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->user, "app");
  EXPECT_EQ(e->password, "s3cr:et");
  auto only = parse_redis_url("redis://:pw@cache");
  ASSERT_TRUE(only.ok());
  EXPECT_EQ(only->user, "");
  EXPECT_EQ(only->password, "pw");
}

TEST(RedisUrl, BracketedIpv6) {
  auto e = parse_redis_url("redis://[::1]:6390/2");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->host, "::1");
  EXPECT_EQ(e->port, 6390);
  EXPECT_EQ(e->db, 2);
}

TEST(RedisUrl, MalformedUrlsAreInvalidWithoutEchoingThePassword) {
  for (const char* bad :
       {"http://cache:6379", "redis://", "redis://cache:", "redis://cache:0", "redis://cache:70000",
        "redis://cache/x", "redis://[::1:6379", "redis://:hunter2@cache:port"}) {
    auto e = parse_redis_url(bad);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(e.error().code, ErrorCode::kInvalidArgument) << bad;
    EXPECT_EQ(e.error().message.find("hunter2"), std::string::npos);
  }
}

}  // namespace
}  // namespace sp::cache::redis
