// Specification of email and handle normalisation (table-driven).
#include "logic/identity_rules.hpp"

#include <gtest/gtest.h>

namespace sp::auth {
namespace {

struct Case {
  std::string input;
  std::string normalised;  // "" = rejected
};
void PrintTo(const Case& c, std::ostream* os) {
  *os << '"' << c.input << '"';
}

class EmailRules : public ::testing::TestWithParam<Case> {};

TEST_P(EmailRules, NormalisesOrRejects) {
  const Case& c = GetParam();
  auto result = normalise_email(c.input);
  if (c.normalised.empty()) {
    ASSERT_FALSE(result.ok()) << c.input;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(result.error().fields.size(), 1u);
    EXPECT_EQ(result.error().fields[0].field, "email");
  } else {
    ASSERT_TRUE(result.ok()) << c.input;
    EXPECT_EQ(*result, c.normalised);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, EmailRules,
    ::testing::Values(Case{"ada@example.com", "ada@example.com"},
                      Case{"  Ada.Lovelace@Example.COM ", "ada.lovelace@example.com"},
                      Case{"a+tag@sub.example.org", "a+tag@sub.example.org"}, Case{"", ""},
                      Case{"   ", ""}, Case{"ada", ""}, Case{"@example.com", ""}, Case{"ada@", ""},
                      Case{"ada@example", ""}, Case{"ada@.com", ""}, Case{"ada@example.", ""},
                      Case{"ada@exa..mple.com", ""}, Case{"a@b@example.com", ""},
                      Case{"ada lovelace@example.com", ""}, Case{"ada\t@example.com", ""},
                      Case{std::string(250, 'a') + "@x.io", ""}));

class HandleRules : public ::testing::TestWithParam<Case> {};

TEST_P(HandleRules, NormalisesOrRejects) {
  const Case& c = GetParam();
  auto result = normalise_handle(c.input);
  if (c.normalised.empty()) {
    ASSERT_FALSE(result.ok()) << c.input;
    ASSERT_EQ(result.error().fields.size(), 1u);
    EXPECT_EQ(result.error().fields[0].field, "handle");
  } else {
    ASSERT_TRUE(result.ok()) << c.input;
    EXPECT_EQ(*result, c.normalised);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, HandleRules,
                         ::testing::Values(Case{"ada", "ada"}, Case{"Ada_Lovelace", "ada_lovelace"},
                                           Case{"user_2024", "user_2024"},
                                           Case{std::string(30, 'x'), std::string(30, 'x')},
                                           Case{"ab", ""}, Case{std::string(31, 'x'), ""},
                                           Case{"ada-l", ""}, Case{"ada.l", ""}, Case{"ada l", ""},
                                           Case{"adé", ""}, Case{"", ""}));

TEST(LoginNames, AreTrimmedAndLowerCased) {
  EXPECT_EQ(normalise_login("  Ada@Example.com "), "ada@example.com");
  EXPECT_EQ(normalise_login("ADA"), "ada");
}

}  // namespace
}  // namespace sp::auth
