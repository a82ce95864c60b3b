#include "postgres/placeholders.hpp"

#include <gtest/gtest.h>

namespace sp::db {
namespace {

struct Case {
  const char* name;
  const char* input;
  const char* expected;
  int placeholders;
};

const Case kCases[] = {
    {"no placeholders", "SELECT 1", "SELECT 1", 0},
    {"numbers in order", "SELECT ?, ? FROM t WHERE a = ?", "SELECT $1, $2 FROM t WHERE a = $3", 3},
    {"adjacent", "VALUES (?,?)", "VALUES ($1,$2)", 2},
    {"string literal", "SELECT 'what?' , ?", "SELECT 'what?' , $1", 1},
    {"doubled quote in string", "SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1},
    {"escape string backslash", "SELECT E'a\\'?', ?", "SELECT E'a\\'?', $1", 1},
    {"plain string keeps backslash", "SELECT 'a\\', ?", "SELECT 'a\\', $1", 1},
    {"identifier", "SELECT \"col?\" FROM t WHERE x = ?", "SELECT \"col?\" FROM t WHERE x = $1", 1},
    {"doubled quote in identifier", "SELECT \"a\"\"?\", ?", "SELECT \"a\"\"?\", $1", 1},
    {"line comment", "SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2},
    {"line comment at end", "SELECT ? -- why?", "SELECT $1 -- why?", 1},
    {"block comment", "SELECT /* ? */ ?", "SELECT /* ? */ $1", 1},
    {"nested block comment", "SELECT /* a /* ? */ ? */ ?", "SELECT /* a /* ? */ ? */ $1", 1},
    {"dollar body", "SELECT $$ a ? b $$, ?", "SELECT $$ a ? b $$, $1", 1},
    {"tagged dollar body", "SELECT $fn$ ? $$ ? $fn$, ?", "SELECT $fn$ ? $$ ? $fn$, $1", 1},
    {"positional dollar is not a tag", "SELECT $1, ?", "SELECT $1, $1", 1},
    {"dollar inside identifier", "SELECT a$b, ?", "SELECT a$b, $1", 1},
    {"unterminated string", "SELECT 'oops ?", "SELECT 'oops ?", 0},
    {"unicode around", "SELECT 'é?', ? -- ✓", "SELECT 'é?', $1 -- ✓", 1},
    {"more than nine", "?,?,?,?,?,?,?,?,?,?", "$1,$2,$3,$4,$5,$6,$7,$8,$9,$10", 10},
};

class RewritePlaceholders : public ::testing::TestWithParam<Case> {};

TEST_P(RewritePlaceholders, RewritesOnlyBarePlaceholders) {
  const Case& c = GetParam();
  RewrittenSql out = rewrite_placeholders(c.input);
  EXPECT_EQ(out.sql, c.expected);
  EXPECT_EQ(out.placeholders, c.placeholders);
}

INSTANTIATE_TEST_SUITE_P(Cases, RewritePlaceholders, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           std::string name = param_info.param.name;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace sp::db
