#include "strangeprompt/events/envelope.hpp"

#include <gtest/gtest.h>

namespace sp::events {
namespace {

Envelope sample() {
  return Envelope{
      "7311", "gallery.views", 1, 1'750'000'000'123, "42", R"({"postId":"42","source":"feed"})"};
}

TEST(Envelope, RoundTripsThroughJson) {
  auto text = sample().to_json();
  ASSERT_TRUE(text.ok());
  auto back = Envelope::parse(*text);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->id, "7311");
  EXPECT_EQ(back->type, "gallery.views");
  EXPECT_EQ(back->version, 1);
  EXPECT_EQ(back->occurred_at_ms, 1'750'000'000'123);
  EXPECT_EQ(back->key, "42");
  EXPECT_EQ(back->data_json, R"({"postId":"42","source":"feed"})");
}

TEST(Envelope, SerialisesTimeAsRfc3339) {
  auto text = sample().to_json();
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find(R"("occurredAt":"2025-06-15T15:06:40.123Z")"), std::string::npos) << *text;
}

TEST(Envelope, ToJsonRejectsIncompleteEnvelopes) {
  const std::vector<std::pair<std::string, Envelope>> cases = {
      {"empty id", {"", "a.b", 1, 0, "k", "{}"}},
      {"bad type", {"1", "A B", 1, 0, "k", "{}"}},
      {"version 0", {"1", "a.b", 0, 0, "k", "{}"}},
      {"data array", {"1", "a.b", 1, 0, "k", "[]"}},
      {"data not json", {"1", "a.b", 1, 0, "k", "{"}},
  };
  for (const auto& [name, envelope] : cases) {
    auto r = envelope.to_json();
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << name;
  }
}

struct BadEnvelope {
  const char* name;
  const char* json;
  const char* field;  // the field error expected
};

TEST(Envelope, ParseRejectsMissingOrMistypedFields) {
  const BadEnvelope cases[] = {
      {"no id",
       R"({"type":"a.b","version":1,"occurredAt":"2025-01-01T00:00:00Z","key":"k","data":{}})",
       "id"},
      {"numeric id",
       R"({"id":5,"type":"a.b","version":1,"occurredAt":"2025-01-01T00:00:00Z","key":"k","data":{}})",
       "id"},
      {"bad type",
       R"({"id":"1","type":"A","version":1,"occurredAt":"2025-01-01T00:00:00Z","key":"k","data":{}})",
       "type"},
      {"string version",
       R"({"id":"1","type":"a.b","version":"1","occurredAt":"2025-01-01T00:00:00Z","key":"k","data":{}})",
       "version"},
      {"version 0",
       R"({"id":"1","type":"a.b","version":0,"occurredAt":"2025-01-01T00:00:00Z","key":"k","data":{}})",
       "version"},
      {"bad time",
       R"({"id":"1","type":"a.b","version":1,"occurredAt":"yesterday","key":"k","data":{}})",
       "occurredAt"},
      {"no key",
       R"({"id":"1","type":"a.b","version":1,"occurredAt":"2025-01-01T00:00:00Z","data":{}})",
       "key"},
      {"data string",
       R"({"id":"1","type":"a.b","version":1,"occurredAt":"2025-01-01T00:00:00Z","key":"k","data":"x"})",
       "data"},
  };
  for (const BadEnvelope& c : cases) {
    auto r = Envelope::parse(c.json);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.name;
    ASSERT_EQ(r.error().fields.size(), 1u) << c.name;
    EXPECT_EQ(r.error().fields[0].field, c.field) << c.name;
  }
}

TEST(Envelope, ParseRejectsNonObjects) {
  for (const char* text : {"", "[]", "42", "{", "null"}) {
    EXPECT_FALSE(Envelope::parse(text).ok()) << text;
  }
}

TEST(Topic, NamesAreDottedLowerCaseSegments) {
  for (const char* good : {"gallery.views", "user.password_reset_requested", "a", "a1.b2"}) {
    EXPECT_TRUE(is_valid_topic(good)) << good;
  }
  for (const char* bad : {"", ".a", "a.", "a..b", "Gallery.views", "a b", "a-b", "a/b"}) {
    EXPECT_FALSE(is_valid_topic(bad)) << bad;
  }
}

}  // namespace
}  // namespace sp::events
