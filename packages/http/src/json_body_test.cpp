// JsonBody: every reader's accept/reject table, PATCH states, nested and array paths, unknown
// fields, and the request-level checks (415, 413, malformed, non-object).
#include "strangeprompt/http/json_body.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace sp::http {
namespace {

JsonBody body_of(std::string_view text) {
  auto body = JsonBody::from_text(text);
  EXPECT_TRUE(body.ok()) << text;
  return std::move(body).value();
}

using Errors = std::vector<std::pair<std::string, std::string>>;

// The (field, message) pairs finish() reports; empty when the body is valid.
Errors errors_of(const JsonBody& body) {
  Status status = body.finish();
  if (status.ok()) return {};
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().message, "invalid request body");
  Errors out;
  for (const FieldError& e : status.error().fields) out.emplace_back(e.field, e.message);
  return out;
}

std::vector<std::string> fields_of(const JsonBody& body) {
  std::vector<std::string> fields;
  for (const auto& e : errors_of(body)) fields.push_back(e.first);
  return fields;
}

// One reader call on {"v": <json>}: the error message for "v", or "" when accepted.
struct ReaderCase {
  const char* name;
  const char* json;  // the value of "v"; nullptr: "v" is absent
  std::function<void(JsonBody&)> read;
  const char* error;
};

class Readers : public ::testing::TestWithParam<ReaderCase> {};

TEST_P(Readers, AcceptOrNameTheField) {
  const ReaderCase& c = GetParam();
  JsonBody body = body_of(c.json ? std::string(R"({"v":)") + c.json + "}" : "{}");
  c.read(body);
  const Errors errors = errors_of(body);
  if (std::string_view(c.error).empty()) {
    EXPECT_EQ(errors, Errors{});
  } else {
    EXPECT_EQ(errors, (Errors{{"v", c.error}}));
  }
}

auto req_str(TextRule rule = {}) {
  return [rule](JsonBody& b) { b.required_string("v", rule); };
}
auto opt_str(TextRule rule = {}) {
  return [rule](JsonBody& b) { b.optional_string("v", rule); };
}
auto req_int(IntRange range = {}) {
  return [range](JsonBody& b) { b.required_int("v", range); };
}
auto req_double(NumberRange range = {}) {
  return [range](JsonBody& b) { b.required_double("v", range); };
}
enum class Sort { kHot, kNew };
auto req_enum() {
  return [](JsonBody& b) {
    b.required_enum<Sort>("v", {{"hot", Sort::kHot}, {"new", Sort::kNew}});
  };
}

INSTANTIATE_TEST_SUITE_P(
    Table, Readers,
    ::testing::Values(
        ReaderCase{"StringOk", R"("ada")", req_str(), ""},
        ReaderCase{"StringMissing", nullptr, req_str(), "is required"},
        ReaderCase{"StringNullIsMissing", "null", req_str(), "is required"},
        ReaderCase{"StringEmpty", R"("")", req_str(), "must not be empty"},
        ReaderCase{"StringWrongType", "1", req_str(), "must be a string"},
        ReaderCase{"OptionalStringAbsent", nullptr, opt_str(), ""},
        ReaderCase{"OptionalStringEmptyAllowed", R"("")", opt_str(), ""},
        // "é" is 2 bytes, "😀" 4: limits count code points, not bytes.
        ReaderCase{"MaxCharsCountsCodePoints", R"("ééé😀")", req_str({.max_chars = 4}), ""},
        ReaderCase{"MaxCharsExceeded", R"("ééé😀😀")", req_str({.max_chars = 4}),
                   "must be at most 4 characters"},
        ReaderCase{"MinCharsCountsCodePoints", R"("😀😀")", req_str({.min_chars = 3}),
                   "must be at least 3 characters"},
        ReaderCase{"EscapedCodePoints", R"("\u00e9\ud83d\ude00")", req_str({.max_chars = 2}), ""},
        ReaderCase{"BoolOk", "true", [](JsonBody& b) { b.required_bool("v"); }, ""},
        ReaderCase{"BoolWrongType", R"("yes")", [](JsonBody& b) { b.optional_bool("v", false); },
                   "must be true or false"},
        ReaderCase{"BoolMissing", nullptr, [](JsonBody& b) { b.required_bool("v"); },
                   "is required"},
        ReaderCase{"IntOk", "150", req_int({.min = 1, .max = 150}), ""},
        ReaderCase{"IntAboveMax", "151", req_int({.min = 1, .max = 150}),
                   "must be between 1 and 150"},
        ReaderCase{"IntBelowMin", "-1", req_int({.min = 0}), "must be at least 0"},
        ReaderCase{"IntOnlyMax", "11", req_int({.max = 10}), "must be at most 10"},
        ReaderCase{"IntFraction", "1.5", req_int(), "must be an integer"},
        ReaderCase{"IntExponent", "1e3", req_int(), "must be an integer"},
        ReaderCase{"IntString", R"("3")", req_int(), "must be an integer"},
        ReaderCase{"IntBeyondInt64", "18446744073709551615", req_int({.min = 0}),
                   "must be at least 0"},
        ReaderCase{"DoubleOk", "7.5", req_double({.min = 1, .max = 30}), ""},
        ReaderCase{"DoubleFromInteger", "7", req_double(), ""},
        ReaderCase{"DoubleOutOfRange", "30.5", req_double({.min = 1, .max = 30}),
                   "must be between 1 and 30"},
        ReaderCase{"DoubleWrongType", "true", req_double(), "must be a number"},
        ReaderCase{"IdOk", R"("9223372036854775807")", [](JsonBody& b) { b.required_id("v"); }, ""},
        ReaderCase{"IdAsNumber", "42", [](JsonBody& b) { b.required_id("v"); },
                   "must be an id (a string of digits)"},
        ReaderCase{"IdJunk", R"("12a")", [](JsonBody& b) { b.optional_id("v"); },
                   "must be an id (a string of digits)"},
        ReaderCase{"IdOverflow", R"("9223372036854775808")",
                   [](JsonBody& b) { b.optional_id("v"); }, "must be an id (a string of digits)"},
        ReaderCase{"EnumOk", R"("new")", req_enum(), ""},
        ReaderCase{"EnumUnknown", R"("top")", req_enum(), "must be one of: hot, new"},
        ReaderCase{"EnumCaseSensitive", R"("HOT")", req_enum(), "must be one of: hot, new"},
        ReaderCase{"EnumMissing", nullptr, req_enum(), "is required"},
        ReaderCase{"TimeOk", R"("2026-01-31T12:00:00Z")", [](JsonBody& b) { b.optional_time("v"); },
                   ""},
        ReaderCase{"TimeJunk", R"("soon")", [](JsonBody& b) { b.optional_time("v"); },
                   "must be an RFC 3339 date-time"},
        ReaderCase{"StringListOk", R"(["a","b"])", [](JsonBody& b) { b.optional_string_list("v"); },
                   ""},
        ReaderCase{"StringListNotAList", R"("a")", [](JsonBody& b) { b.optional_string_list("v"); },
                   "must be a list of strings"},
        ReaderCase{"StringListTooLong", R"(["a","b","c"])",
                   [](JsonBody& b) { b.optional_string_list("v", {.max_items = 2}); },
                   "must have at most 2 items"},
        ReaderCase{"ObjectWrongType", "[]", [](JsonBody& b) { b.optional_object("v"); },
                   "must be an object"},
        ReaderCase{"ObjectMissing", nullptr, [](JsonBody& b) { b.required_object("v"); },
                   "is required"},
        ReaderCase{"ObjectListWrongType", "{}", [](JsonBody& b) { b.object_list("v"); },
                   "must be a list of objects"},
        ReaderCase{"UnreadFieldIsUnknown", "1", [](JsonBody&) {}, "is not a known field"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(JsonBody, ReadsTypedValues) {
  JsonBody body = body_of(
      R"({"s":"x","b":true,"i":-4,"d":0.25,"id":"77","e":"hot","l":["p","q"],"t":"1970-01-01T00:00:01Z"})");
  EXPECT_EQ(body.required_string("s"), "x");
  EXPECT_TRUE(body.optional_bool("b", false));
  EXPECT_EQ(body.required_int("i"), -4);
  EXPECT_EQ(body.required_double("d"), 0.25);
  EXPECT_EQ(body.required_id("id"), 77);
  EXPECT_EQ(body.required_enum<Sort>("e", {{"hot", Sort::kHot}, {"new", Sort::kNew}}), Sort::kHot);
  EXPECT_EQ(body.optional_string_list("l"), (std::vector<std::string>{"p", "q"}));
  EXPECT_EQ(body.optional_time("t"), 1000);
  EXPECT_TRUE(body.finish().ok());
}

TEST(JsonBody, AbsentOptionalsGiveTheirDefaults) {
  JsonBody body = body_of("{}");
  EXPECT_EQ(body.optional_string("s"), std::nullopt);
  EXPECT_TRUE(body.optional_bool("b", true));
  EXPECT_EQ(body.optional_int("i"), std::nullopt);
  EXPECT_EQ(body.optional_double("d"), std::nullopt);
  EXPECT_EQ(body.optional_id("id"), std::nullopt);
  EXPECT_TRUE(body.optional_string_list("l").empty());
  EXPECT_FALSE(body.optional_object("o").has_value());
  EXPECT_TRUE(body.object_list("a").empty());
  EXPECT_TRUE(body.finish().ok());
}

// Every PATCH state for every patch reader: absent = unchanged, null = clear, value = set.
TEST(JsonBody, PatchReadersTellAbsentNullAndValueApart) {
  JsonBody absent = body_of("{}");
  EXPECT_TRUE(absent.patch_string("s").is_unchanged());
  EXPECT_TRUE(absent.patch_bool("b").is_unchanged());
  EXPECT_TRUE(absent.patch_int("i").is_unchanged());
  EXPECT_TRUE(absent.patch_double("d").is_unchanged());
  EXPECT_TRUE(absent.patch_id("id").is_unchanged());
  EXPECT_TRUE(absent.patch_string_list("l").is_unchanged());
  EXPECT_TRUE(absent.patch_enum<Sort>("e", {{"hot", Sort::kHot}}).is_unchanged());
  EXPECT_TRUE(absent.finish().ok());

  JsonBody cleared =
      body_of(R"({"s":null,"b":null,"i":null,"d":null,"id":null,"l":null,"e":null})");
  EXPECT_TRUE(cleared.patch_string("s").is_clear());
  EXPECT_TRUE(cleared.patch_bool("b").is_clear());
  EXPECT_TRUE(cleared.patch_int("i").is_clear());
  EXPECT_TRUE(cleared.patch_double("d").is_clear());
  EXPECT_TRUE(cleared.patch_id("id").is_clear());
  EXPECT_TRUE(cleared.patch_string_list("l").is_clear());
  EXPECT_TRUE(cleared.patch_enum<Sort>("e", {{"hot", Sort::kHot}}).is_clear());
  EXPECT_TRUE(cleared.finish().ok());

  JsonBody set = body_of(R"({"s":"","b":false,"i":3,"d":1.5,"id":"9","l":[],"e":"hot"})");
  EXPECT_EQ(set.patch_string("s"), Patch<std::string>::set(""));
  EXPECT_EQ(set.patch_bool("b"), Patch<bool>::set(false));
  EXPECT_EQ(set.patch_int("i"), Patch<int64_t>::set(3));
  EXPECT_EQ(set.patch_double("d"), Patch<double>::set(1.5));
  EXPECT_EQ(set.patch_id("id"), Patch<int64_t>::set(9));
  EXPECT_EQ(set.patch_string_list("l"), Patch<std::vector<std::string>>::set({}));
  EXPECT_EQ(set.patch_enum<Sort>("e", {{"hot", Sort::kHot}}), Patch<Sort>::set(Sort::kHot));
  EXPECT_TRUE(set.finish().ok());
}

TEST(JsonBody, InvalidPatchValueIsReportedAndLeftUnchanged) {
  JsonBody body = body_of(R"({"i":"x","s":"toolong"})");
  EXPECT_TRUE(body.patch_int("i", {.min = 0, .max = 5}).is_unchanged());
  EXPECT_TRUE(body.patch_string("s", {.max_chars = 3}).is_unchanged());
  EXPECT_EQ(fields_of(body), (std::vector<std::string>{"i", "s"}));
}

TEST(Patch, AppliesToTheCurrentValue) {
  EXPECT_EQ(Patch<int>().apply(4), 4);
  EXPECT_EQ(Patch<int>::clear().apply(4), std::nullopt);
  EXPECT_EQ(Patch<int>::set(5).apply(4), 5);
}

// A generation request: nested object, array of objects, both with errors in every place.
// Errors come in the order the readers found them; unknown fields last.
TEST(JsonBody, NestedAndArrayErrorsCarryDottedPaths) {
  JsonBody body = body_of(R"({
    "params": {"steps": 500, "sampler": "euler", "extra": 1},
    "resources": [{"name": "lora", "weight": 2.5}, {"name": ""}, 7],
    "title": 3,
    "mystery": true})");
  JsonFields params = body.required_object("params");
  params.required_int("steps", {.min = 1, .max = 150});
  params.optional_string("sampler");
  for (JsonFields& resource : body.object_list("resources", {.max_items = 10})) {
    resource.required_string("name");
    resource.optional_double("weight", {.min = -2, .max = 2});
  }
  body.optional_string("title");
  EXPECT_EQ(errors_of(body), (Errors{{"params.steps", "must be between 1 and 150"},
                                     {"resources.2", "must be an object"},
                                     {"resources.0.weight", "must be between -2 and 2"},
                                     {"resources.1.name", "must not be empty"},
                                     {"title", "must be a string"},
                                     {"mystery", "is not a known field"},
                                     {"params.extra", "is not a known field"}}));
}

TEST(JsonBody, StringListElementsAreReportedByIndex) {
  JsonBody body = body_of(R"({"tags":["ok","😀😀😀",4]})");
  EXPECT_TRUE(body.optional_string_list("tags", {.item = {.max_chars = 2}}).empty());
  EXPECT_EQ(errors_of(body),
            (Errors{{"tags.1", "must be at most 2 characters"}, {"tags.2", "must be a string"}}));
}

TEST(JsonBody, AnInvalidObjectReportsOnlyItselfNotItsFields) {
  JsonBody body = body_of(R"({"params":"fast"})");
  JsonFields params = body.required_object("params");
  EXPECT_EQ(params.required_int("steps"), 0);  // inert reader: nothing recorded
  EXPECT_EQ(errors_of(body), (Errors{{"params", "must be an object"}}));
}

TEST(JsonBody, RejectAddsAFieldErrorAtThePath) {
  JsonBody body = body_of(R"({"range":{"from":2,"to":1}})");
  JsonFields range = body.required_object("range");
  if (range.required_int("from") > range.required_int("to")) range.reject("to", "must be >= from");
  EXPECT_EQ(range.path_of("to"), "range.to");
  EXPECT_EQ(errors_of(body), (Errors{{"range.to", "must be >= from"}}));
}

TEST(JsonBody, PresenceMarksAFieldKnown) {
  JsonBody body = body_of(R"({"a":null,"b":1})");
  EXPECT_EQ(body.presence("a"), JsonFields::Presence::kNull);
  EXPECT_EQ(body.presence("b"), JsonFields::Presence::kPresent);
  EXPECT_EQ(body.presence("c"), JsonFields::Presence::kAbsent);
  EXPECT_TRUE(body.finish().ok());
}

Request json_request(std::string body, std::string content_type = "application/json") {
  Request r;
  r.method = Method::kPost;
  r.headers = {{"content-type", std::move(content_type)}};
  r.body = std::move(body);
  return r;
}

struct ParseCase {
  const char* name;
  const char* content_type;
  std::string body;
  std::optional<ErrorCode> error;
};

class Parse : public ::testing::TestWithParam<ParseCase> {};

TEST_P(Parse, ChecksTheRequestBeforeTheFields) {
  const ParseCase& c = GetParam();
  auto body = JsonBody::parse(json_request(c.body, c.content_type), 64);
  if (!c.error) {
    EXPECT_TRUE(body.ok()) << body.error().message;
  } else {
    ASSERT_FALSE(body.ok());
    EXPECT_EQ(body.error().code, *c.error);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, Parse,
    ::testing::Values(
        ParseCase{"Object", "application/json", "{}", std::nullopt},
        ParseCase{"WithCharset", "Application/JSON; charset=utf-8", "{}", std::nullopt},
        ParseCase{"FormIs415", "application/x-www-form-urlencoded", "a=b",
                  ErrorCode::kUnsupportedMedia},
        ParseCase{"NoContentTypeIs415", "", "{}", ErrorCode::kUnsupportedMedia},
        ParseCase{"TooLargeIs413", "application/json", "{\"a\":\"" + std::string(64, 'x') + "\"}",
                  ErrorCode::kPayloadTooLarge},
        ParseCase{"MalformedIs400", "application/json", "{\"a\":", ErrorCode::kInvalidArgument},
        ParseCase{"EmptyIs400", "application/json", "", ErrorCode::kInvalidArgument},
        ParseCase{"ArrayIs400", "application/json", "[1]", ErrorCode::kInvalidArgument},
        ParseCase{"DuplicateMemberIs400", "application/json", R"({"a":1,"a":2})",
                  ErrorCode::kInvalidArgument},
        ParseCase{"NestedDuplicateIs400", "application/json", R"({"o":{"b":1,"b":1}})",
                  ErrorCode::kInvalidArgument},
        ParseCase{"SameNameInSiblingsIsFine", "application/json", R"({"o":{"b":1},"p":{"b":1}})",
                  std::nullopt},
        ParseCase{"InvalidUtf8Is400", "application/json", "{\"a\":\"\xff\"}",
                  ErrorCode::kInvalidArgument}),
    [](const auto& p) { return std::string(p.param.name); });

// The example of docs/architecture.md ("API toolkit"), kept compiling and true here.
struct Resource {
  int64_t id = 0;
  double weight = 1;
};
struct PostDraft {
  std::string title;
  bool nsfw = false;
  std::optional<Sort> sort;
  int64_t steps = 0;
  std::vector<Resource> resources = {};
  Patch<std::string> caption = {};
};

Result<PostDraft> read_draft(const Request& request) {
  SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::parse(request));
  PostDraft d{.title = body.required_string("title", {.max_chars = 120}),
              .nsfw = body.optional_bool("nsfw", false),
              .sort = body.optional_enum<Sort>("sort", {{"hot", Sort::kHot}, {"new", Sort::kNew}})};
  http::JsonFields params = body.required_object("params");
  d.steps = params.required_int("steps", {.min = 1, .max = 150});
  for (http::JsonFields r : body.object_list("resources", {.max_items = 20}))
    d.resources.push_back({r.required_id("id"), r.optional_double("weight", {-2, 2}).value_or(1)});
  d.caption = body.patch_string("caption", {.max_chars = 2000});  // Patch<T>: absent/null/value
  SP_TRY(body.finish());  // one 400 listing every bad field, and every field nobody read
  return d;
}

TEST(JsonBody, DocumentedExampleReadsAValidDraft) {
  auto draft = read_draft(json_request(
      R"({"title":"fox","sort":"new","params":{"steps":30},"resources":[{"id":"5","weight":0.5}],"caption":null})"));
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  EXPECT_EQ(draft->title, "fox");
  EXPECT_EQ(draft->sort, Sort::kNew);
  EXPECT_EQ(draft->steps, 30);
  ASSERT_EQ(draft->resources.size(), 1u);
  EXPECT_EQ(draft->resources[0].id, 5);
  EXPECT_EQ(draft->resources[0].weight, 0.5);
  EXPECT_TRUE(draft->caption.is_clear());
}

TEST(JsonBody, DocumentedExampleReportsEveryBadField) {
  auto draft = read_draft(
      json_request(R"({"title":"","params":{"steps":0},"resources":[{"weight":3}],"owner":"1"})"));
  ASSERT_FALSE(draft.ok());
  std::vector<std::string> fields;
  for (const FieldError& e : draft.error().fields) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"title", "params.steps", "resources.0.id",
                                              "resources.0.weight", "owner"}));
}

TEST(JsonBody, ParseOptionalTakesAnEmptyBodyAsAnEmptyObject) {
  auto body = JsonBody::parse_optional(json_request(""));
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->optional_string("x"), std::nullopt);
  EXPECT_EQ(body->required_string("y"), "");
  EXPECT_EQ(fields_of(*body), std::vector<std::string>{"y"});
}

}  // namespace
}  // namespace sp::http
