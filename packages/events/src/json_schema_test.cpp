#include "strangeprompt/events/json_schema.hpp"

#include <gtest/gtest.h>

#include <ostream>

#include <cctype>

namespace sp::events {
namespace {

struct Case {
  const char* name;
  const char* schema;
  const char* instance;
  bool valid;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }
};

class JsonSchemaKeyword : public ::testing::TestWithParam<Case> {};

TEST_P(JsonSchemaKeyword, ValidatesInstance) {
  const Case& c = GetParam();
  auto violations = schema_violations(c.schema, c.instance);
  ASSERT_TRUE(violations.ok()) << violations.error().message;
  EXPECT_EQ(violations->empty(), c.valid)
      << (violations->empty() ? std::string("no violations") : violations->front());
}

constexpr const char* kPerson =
    R"({"type":"object","required":["name"],"properties":{"name":{"type":"string","minLength":2},)"
    R"("age":{"type":"integer","minimum":0},"role":{"enum":["admin","user"]},)"
    R"("tags":{"type":"array","items":{"type":"string"}},"nick":{"type":["string","null"]}}})";

INSTANTIATE_TEST_SUITE_P(
    Subset, JsonSchemaKeyword,
    ::testing::Values(
        Case{"object ok", kPerson, R"({"name":"Ada","age":36,"role":"admin","tags":["x"]})", true},
        Case{"extra members allowed", kPerson, R"({"name":"Ada","shoe":42})", true},
        Case{"required missing", kPerson, R"({"age":3})", false},
        Case{"not an object", kPerson, R"(["name"])", false},
        Case{"string for integer", kPerson, R"({"name":"Ada","age":"3"})", false},
        Case{"fraction for integer", kPerson, R"({"name":"Ada","age":3.5})", false},
        Case{"integral double is integer", kPerson, R"({"name":"Ada","age":3.0})", true},
        Case{"below minimum", kPerson, R"({"name":"Ada","age":-1})", false},
        Case{"too short", kPerson, R"({"name":"A"})", false},
        Case{"length counts code points", kPerson, R"({"name":"\u00e9\u00e9"})", true},
        Case{"enum miss", kPerson, R"({"name":"Ada","role":"root"})", false},
        Case{"bad array item", kPerson, R"({"name":"Ada","tags":["x",1]})", false},
        Case{"type list allows null", kPerson, R"({"name":"Ada","nick":null})", true},
        Case{"type list rejects number", kPerson, R"({"name":"Ada","nick":5})", false},
        Case{"boolean", R"({"type":"boolean"})", "true", true},
        Case{"number", R"({"type":"number"})", "1.5", true},
        Case{"null is not object", R"({"type":"object"})", "null", false},
        Case{"annotations ignored", R"({"$schema":"x","$id":"y","title":"t","description":"d"})",
             "1", true}),
    [](const auto& p) {
      std::string n = p.param.name;
      for (char& ch : n) ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
      return n;
    });

TEST(JsonSchema, UnsupportedKeywordMakesTheSchemaInvalid) {
  for (const char* schema : {R"({"pattern":"^a"})", R"({"properties":{"a":{"format":"email"}}})",
                             R"({"items":{"additionalProperties":false}})"}) {
    auto r = schema_violations(schema, "{}");
    ASSERT_FALSE(r.ok()) << schema;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(JsonSchema, MalformedKeywordValuesAreRejected) {
  for (const char* schema : {R"({"required":"a"})", R"({"type":1})", R"({"properties":[]})",
                             R"({"minimum":"1"})", "[]"}) {
    EXPECT_FALSE(schema_violations(schema, "{}").ok()) << schema;
  }
}

TEST(JsonSchema, InvalidJsonIsAnError) {
  EXPECT_FALSE(schema_violations("{", "{}").ok());
  EXPECT_FALSE(schema_violations("{}", "{").ok());
}

TEST(JsonSchema, ViolationsNameTheJsonPath) {
  auto r = schema_violations(kPerson, R"({"name":"Ada","tags":["x",1]})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->front().rfind("$.tags[1]:", 0), 0u) << r->front();
}

}  // namespace
}  // namespace sp::events
