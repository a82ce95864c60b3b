#include "trace_context.hpp"

#include <gtest/gtest.h>

#include <set>

namespace sp::http {
namespace {

constexpr std::string_view kTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr std::string_view kParent = "00f067aa0ba902b7";

TEST(TraceParent, ParsesValidVersion00) {
  auto tp = parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  ASSERT_TRUE(tp.has_value());
  EXPECT_EQ(tp->trace_id, kTrace);
  EXPECT_EQ(tp->parent_id, kParent);
  EXPECT_EQ(tp->flags, "01");
}

TEST(TraceParent, RejectionTable) {
  const std::string_view bad[] = {
      "",
      "garbage",
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",    // upper case
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",    // zero trace id
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",    // zero parent id
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",    // forbidden version
      "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",     // short trace id
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",  // v00 has no extra fields
      "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",    // separator
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",    // flags not hex
  };
  for (std::string_view v : bad) EXPECT_FALSE(parse_traceparent(v).has_value()) << v;
}

TEST(TraceParent, LaterVersionsMayAppendFields) {
  auto tp = parse_traceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra");
  ASSERT_TRUE(tp.has_value());
  EXPECT_EQ(tp->trace_id, kTrace);
}

TEST(RequestId, SanityTable) {
  EXPECT_TRUE(is_sane_request_id("abc-123_DEF.4:5"));
  EXPECT_TRUE(is_sane_request_id(std::string(128, 'a')));
  EXPECT_FALSE(is_sane_request_id(""));
  EXPECT_FALSE(is_sane_request_id(std::string(129, 'a')));
  EXPECT_FALSE(is_sane_request_id("has space"));
  EXPECT_FALSE(is_sane_request_id("quote\""));
  EXPECT_FALSE(is_sane_request_id("line\nbreak"));
  EXPECT_FALSE(is_sane_request_id("{\"json\":1}"));
}

TEST(RandomHex, HasTheLengthAndAlphabetAndDoesNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string s;
    append_random_hex(s, 32);
    ASSERT_EQ(s.size(), 32u);
    EXPECT_EQ(s.find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace
}  // namespace sp::http
