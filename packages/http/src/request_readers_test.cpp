// client_info and path_id: what every service reads off a request.
#include "strangeprompt/http/request_readers.hpp"

#include <gtest/gtest.h>

namespace sp::http {
namespace {

Request with_agent(std::string agent) {
  Request r;
  r.remote_address = "203.0.113.9";
  if (!agent.empty()) r.headers = {{"user-agent", std::move(agent)}};
  return r;
}

TEST(ClientInfo, CarriesAddressAndUserAgent) {
  ClientInfo c = client_info(with_agent("curl/8.5"));
  EXPECT_EQ(c.address, "203.0.113.9");
  EXPECT_EQ(c.user_agent, "curl/8.5");
  EXPECT_EQ(client_info(with_agent("")).user_agent, "");
}

TEST(ClientInfo, TruncatesLongUserAgents) {
  EXPECT_EQ(client_info(with_agent(std::string(1000, 'a'))).user_agent,
            std::string(ClientInfo::kMaxUserAgent, 'a'));
  EXPECT_EQ(client_info(with_agent(std::string(ClientInfo::kMaxUserAgent, 'b'))).user_agent,
            std::string(ClientInfo::kMaxUserAgent, 'b'));
}

TEST(ClientInfo, NeverCutsACharacterInHalf) {
  // 255 ASCII bytes then "é" (2 bytes): byte 256 is the first half of "é".
  const std::string agent = std::string(255, 'a') + "\xc3\xa9" + "tail";
  EXPECT_EQ(client_info(with_agent(agent)).user_agent, std::string(255, 'a'));
}

struct IdCase {
  const char* text;
  std::optional<int64_t> id;
};

TEST(PathId, ParsesIdsAndAnswersNotFoundForJunk) {
  const IdCase cases[] = {{"123", 123},
                          {"9223372036854775807", 9223372036854775807},
                          {"9223372036854775808", std::nullopt},
                          {"0", std::nullopt},
                          {"-1", std::nullopt},
                          {"12a", std::nullopt},
                          {"", std::nullopt},
                          {" 1", std::nullopt}};
  for (const IdCase& c : cases) {
    Request r;
    r.params = {{"id", c.text}};
    Result<int64_t> id = path_id(r);
    if (c.id) {
      ASSERT_TRUE(id.ok()) << c.text;
      EXPECT_EQ(*id, *c.id);
    } else {
      ASSERT_FALSE(id.ok()) << c.text;
      EXPECT_EQ(id.error().code, ErrorCode::kNotFound);
    }
  }
}

TEST(PathId, ReadsTheNamedParameter) {
  Request r;
  r.params = {{"id", "x"}, {"comment", "77"}};
  EXPECT_EQ(*path_id(r, "comment"), 77);
}

}  // namespace
}  // namespace sp::http
