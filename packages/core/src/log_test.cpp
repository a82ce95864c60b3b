#include "strangeprompt/core/log.hpp"

#include <gtest/gtest.h>

#include "strangeprompt/core/json_text.hpp"

namespace sp {
namespace {

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Logger::global().set_sink([this](std::string_view line) { lines_.emplace_back(line); });
  }
  void TearDown() override {
    Logger::global().set_sink(nullptr);
    Logger::global().set_level(LogLevel::kInfo);
    Logger::global().set_format(LogFormat::kJson);
    LogContext::current() = {};
  }
  std::vector<std::string> lines_;
};

TEST_F(LogTest, WritesOneJsonObjectPerLineWithTypedFields) {
  LogContext::current().trace_id = "abc";
  log_info("auth", "login", {{"user", "h\"x"}, {"attempts", 3}, {"ok", true}});
  ASSERT_EQ(lines_.size(), 1u);
  const std::string& l = lines_[0];
  EXPECT_EQ(l.front(), '{');
  EXPECT_EQ(l.substr(l.size() - 2), "}\n");
  EXPECT_NE(l.find("\"level\":\"info\""), std::string::npos);
  EXPECT_NE(l.find("\"service\":\"auth\""), std::string::npos);
  EXPECT_NE(l.find("\"trace_id\":\"abc\""), std::string::npos);
  EXPECT_NE(l.find("\"user\":\"h\\\"x\""), std::string::npos);
  EXPECT_NE(l.find("\"attempts\":3"), std::string::npos);
  EXPECT_NE(l.find("\"ok\":true"), std::string::npos);
}

TEST_F(LogTest, LevelFiltersLowerLevels) {
  Logger::global().set_level(LogLevel::kWarn);
  log_info("x", "dropped");
  log_warn("x", "kept");
  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_NE(lines_[0].find("kept"), std::string::npos);
}

TEST_F(LogTest, TextFormatIsOneReadableLine) {
  Logger::global().set_format(LogFormat::kText);
  LogContext::current().request_id = "r1";
  log_warn("gallery", "slow query", {{"table", "posts"}, {"ms", 250}, {"note", "two words"}});
  ASSERT_EQ(lines_.size(), 1u);
  const std::string& l = lines_[0];
  EXPECT_EQ(l.find('{'), std::string::npos);
  EXPECT_NE(
      l.find(" WARN  gallery: slow query  table=posts ms=250 note=\"two words\" request_id=r1\n"),
      std::string::npos)
      << l;
}

TEST(LogText, QuotesAndEscapesValues) {
  std::string l = Logger::text_line("2026-12-03T07:32:43.285Z", LogLevel::kInfo, "cmd", "", "hi",
                                    {{"a", "x\"y"}, {"b", "1\n2"}, {"c", ""}, {"d", true}});
  EXPECT_EQ(l, "07:32:43.285 INFO  cmd: hi  a=\"x\\\"y\" b=\"1\\n2\" c=\"\" d=true\n");
}

TEST(LogFormatNames, ParseJsonAndText) {
  LogFormat f = LogFormat::kJson;
  EXPECT_TRUE(Logger::parse_format("text", f));
  EXPECT_EQ(f, LogFormat::kText);
  EXPECT_TRUE(Logger::parse_format("json", f));
  EXPECT_EQ(f, LogFormat::kJson);
  EXPECT_FALSE(Logger::parse_format("yaml", f));
}

TEST(JsonText, EscapesControlCharactersQuotesAndBackslashes) {
  EXPECT_EQ(json_quote("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
}

}  // namespace
}  // namespace sp
