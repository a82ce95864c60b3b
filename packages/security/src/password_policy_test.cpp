#include "strangeprompt/security/password_policy.hpp"

#include <gtest/gtest.h>

namespace sp::security {
namespace {

// n code points of an uncommon phrase.
std::string phrase(std::size_t n) {
  const std::string base = "tangerine lighthouse under a violet tide ";
  std::string out;
  while (out.size() < n) out += base;
  return out.substr(0, n);
}

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

struct PolicyCase {
  const char* name;
  std::string password;
  PasswordVerdict expected;
};

const PasswordContext kAda{"Ada.Lovelace1815@example.com", "countess_of_code"};

TEST(PasswordPolicy, EvaluatesEachRule) {
  const PolicyCase cases[] = {
      {"empty", "", PasswordVerdict::kTooShort},
      {"9 code points", phrase(9), PasswordVerdict::kTooShort},
      {"10 code points", phrase(10), PasswordVerdict::kAcceptable},
      {"9 three-byte code points (27 bytes)", repeat("\xe6\x97\xa5", 9),
       PasswordVerdict::kTooShort},
      {"10 two-byte code points", repeat("\xc3\xa9", 10), PasswordVerdict::kAcceptable},
      {"10 emoji (40 bytes)", repeat("\xf0\x9f\x94\x91", 10), PasswordVerdict::kAcceptable},
      {"128 code points", phrase(128), PasswordVerdict::kAcceptable},
      {"129 code points", phrase(129), PasswordVerdict::kTooLong},
      {"128 multibyte code points (256 bytes)", repeat("\xc3\xa9", 128),
       PasswordVerdict::kAcceptable},
      {"invalid UTF-8", phrase(12) + "\xff", PasswordVerdict::kInvalidUtf8},
      {"overlong UTF-8", phrase(12) + "\xc0\xaf", PasswordVerdict::kInvalidUtf8},
      {"common", "password123", PasswordVerdict::kCommon},
      {"common, upper case", "PASSWORD123", PasswordVerdict::kCommon},
      {"common, mixed case", "PassWord123", PasswordVerdict::kCommon},
      {"keyboard walk", "qwertyuiop", PasswordVerdict::kCommon},
      {"number sequence", "1234567890", PasswordVerdict::kCommon},
      {"repeated character", "aaaaaaaaaaaa", PasswordVerdict::kCommon},
      {"name and year", "Jennifer1987", PasswordVerdict::kCommon},
      {"leetspeak", "P@ssw0rd123", PasswordVerdict::kCommon},
      {"handle", "countess_of_code", PasswordVerdict::kMatchesIdentity},
      {"handle, other case", "Countess_Of_Code", PasswordVerdict::kMatchesIdentity},
      {"email local part", "ada.lovelace1815", PasswordVerdict::kMatchesIdentity},
      {"whole email", "ADA.LOVELACE1815@EXAMPLE.COM", PasswordVerdict::kMatchesIdentity},
      {"handle plus more", "countess_of_code and more", PasswordVerdict::kAcceptable},
      {"surrounding spaces are kept, not trimmed", repeat(" ", 1).append(phrase(8)).append(" "),
       PasswordVerdict::kAcceptable},
  };
  const PasswordPolicy policy;
  for (const auto& c : cases) {
    EXPECT_EQ(policy.evaluate(c.password, kAda), c.expected) << c.name;
  }
}

TEST(PasswordPolicy, HasNoCompositionRules) {
  const PasswordPolicy policy;
  EXPECT_TRUE(policy.check("all lowercase words here", kAda).ok());
  EXPECT_TRUE(policy.check("8491027365519", kAda).ok());
}

TEST(PasswordPolicy, EmptyContextMatchesNothing) {
  EXPECT_TRUE(PasswordPolicy{}.check(phrase(20), PasswordContext{}).ok());
}

TEST(PasswordPolicy, CheckReportsAFieldErrorOnPassword) {
  const Status status = PasswordPolicy{}.check("short", kAda);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(status.error().fields.size(), 1u);
  EXPECT_EQ(status.error().fields[0].field, "password");
  EXPECT_EQ(status.error().fields[0].message, "must be at least 10 characters long");
}

TEST(PasswordPolicy, BoundsAreConfigurable) {
  const PasswordPolicy policy{.min_code_points = 15, .max_code_points = 20};
  EXPECT_EQ(policy.evaluate(phrase(14), kAda), PasswordVerdict::kTooShort);
  EXPECT_EQ(policy.evaluate(phrase(21), kAda), PasswordVerdict::kTooLong);
  EXPECT_EQ(policy.evaluate(phrase(15), kAda), PasswordVerdict::kAcceptable);
}

TEST(CommonPasswords, ListHoldsAtLeastTenThousandEntries) {
  EXPECT_GE(common_password_count(), 10'000u);
}

TEST(CommonPasswords, LookupIgnoresAsciiCaseOnly) {
  EXPECT_TRUE(is_common_password("iloveyou"));
  EXPECT_TRUE(is_common_password("ILoveYou"));
  EXPECT_FALSE(is_common_password("iloveyou "));
  EXPECT_FALSE(is_common_password(phrase(30)));
}

}  // namespace
}  // namespace sp::security
