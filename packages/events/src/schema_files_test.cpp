// Every schema under schemas/events (SP_EVENT_SCHEMA_DIR) loads, and sample events of each topic
// validate against their topic schema and the envelope schema; a broken sample must fail.
#include <gtest/gtest.h>

#include <ostream>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/json_schema.hpp"

namespace sp::events {
namespace {

namespace fs = std::filesystem;

struct TopicSample {
  const char* type;
  const char* data;      // conforms to <type>.v1.json
  const char* bad_data;  // violates it (missing required field or wrong type)
  friend void PrintTo(const TopicSample& s, std::ostream* os) { *os << s.type; }
};

const TopicSample kSamples[] = {
    {"user.signup",
     R"({"userId":"1","handle":"ada","email":"ada@example.com",)"
     R"("verificationToken":"0123456789abcdef0123","verificationExpiresAt":"2025-01-01T00:00:00Z"})",
     R"({"userId":"1","handle":"ada","email":"ada@example.com"})"},
    {"user.password_reset_requested",
     R"({"userId":"1","handle":"ada","email":"ada@example.com",)"
     R"("resetToken":"0123456789abcdef0123","expiresAt":"2025-01-01T00:00:00Z"})",
     R"({"userId":"1","handle":"ada","email":"ada@example.com","expiresAt":"2025-01-01T00:00:00Z"})"},
    {"user.session_ended",
     R"({"userId":"1","sessionIds":["5","6"],"reason":"logout","at":"2025-01-01T00:00:00Z"})",
     R"({"userId":"1","sessionIds":[5],"reason":"logout","at":"2025-01-01T00:00:00Z"})"},
    {"user.updated", R"({"userId":"1","emailVerified":true})",
     R"({"userId":"1","emailVerified":"yes"})"},
    {"profile.followed", R"({"followerId":"1","followeeId":"2","following":true})",
     R"({"followerId":"1","followeeId":"2"})"},
    {"user.deleted", R"({"userId":"1","deletedAt":"2025-01-01T00:00:00Z"})", R"({"userId":1})"},
    {"profile.unfollowed", R"({"followerId":"1","followeeId":"2","following":false})",
     R"({"followerId":"1","followeeId":"2","following":true})"},
    {"profile.updated",
     R"({"userId":"1","handle":"ada","displayName":"Ada","avatar":null,"bio":"","links":[],)"
     R"("updatedAt":"2025-01-01T00:00:00Z"})",
     R"({"userId":"1","handle":"ada","displayName":"Ada","avatar":7,"bio":"","links":[],)"
     R"("updatedAt":"2025-01-01T00:00:00Z"})"},
    {"profile.preferences_updated",
     R"({"userId":"1","contentRating":"soft","hiddenTags":["gore"],"hiddenCreatorIds":["2"],)"
     R"("updatedAt":"2025-01-01T00:00:00Z"})",
     R"({"userId":"1","contentRating":"spicy","hiddenTags":[],"hiddenCreatorIds":[],)"
     R"("updatedAt":"2025-01-01T00:00:00Z"})"},
    {"profile.blocked", R"({"blockerId":"1","blockedId":"2","at":"2025-01-01T00:00:00Z"})",
     R"({"blockerId":"1","blockedId":"2"})"},
    {"profile.unblocked", R"({"blockerId":"1","blockedId":"2","at":"2025-01-01T00:00:00Z"})",
     R"({"blockerId":"1","at":"2025-01-01T00:00:00Z"})"},
    {"gallery.post.published",
     R"({"postId":"9","authorId":"1","title":"Neon fox","tags":["fox","neon"],"model":null})",
     R"({"postId":"9","authorId":"1","title":"Neon fox","tags":"fox"})"},
    {"gallery.post.withdrawn", R"({"postId":"9","authorId":"1","reason":"not_public"})",
     R"({"postId":"9","authorId":"1","reason":"hidden"})"},
    {"gallery.post.revised", R"({"postId":"9","authorId":"1","imageIds":["3","4"]})",
     R"({"postId":"9","authorId":"1","imageIds":[3]})"},
    {"gallery.views", R"({"postId":"9","viewerId":null,"source":"feed","dwellMs":1200})",
     R"({"postId":"9","source":"billboard"})"},
    {"gallery.likes", R"({"postId":"9","userId":"2","authorId":"1","liked":true})",
     R"({"postId":"9","userId":"2","authorId":"1","liked":1})"},
    {"gallery.comments",
     R"({"commentId":"5","postId":"9","authorId":"2","postAuthorId":"1","parentId":null})",
     R"({"commentId":"5","postId":"9","authorId":"2"})"},
    {"analytics.post_views", R"({"postId":"9","views":12,"at":"2025-01-01T00:00:00Z"})",
     R"({"postId":"9","views":-1,"at":"2025-01-01T00:00:00Z"})"},
    {"analytics.view_batch",
     R"({"address":"10.0.0.1","at":"2025-01-01T00:00:00Z","views":[{"postId":"9","viewer":"v:abc"}]})",
     R"({"address":"10.0.0.1","at":"2025-01-01T00:00:00Z","views":[{"postId":"9"}]})"},
    {"media.processed",
     R"({"mediaId":"3","ownerId":"1","status":"ready","width":512,"height":768,)"
     R"("dominantColor":"#a8c8e8","moderation":"approved","variants":[)"
     R"({"name":"thumb","key":"m/3/thumb.webp","width":256,"height":384,"contentType":"image/webp"}]})",
     R"({"mediaId":"3","ownerId":"1","status":"ready","variants":[{"name":"thumb"}]})"},
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path schema_dir() {
  return fs::path(SP_EVENT_SCHEMA_DIR);
}

std::string envelope_json(const std::string& type, const std::string& data) {
  auto text = Envelope{"7311", type, 1, 1'750'000'000'000, "9", data}.to_json();
  EXPECT_TRUE(text.ok());
  return text.ok() ? *text : std::string();
}

std::vector<std::string> violations(const std::string& schema_file, const std::string& instance) {
  auto r = schema_violations(read_file(schema_dir() / schema_file), instance);
  EXPECT_TRUE(r.ok()) << schema_file << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : std::vector<std::string>{"schema failed to load"};
}

TEST(EventSchemas, EverySchemaFileLoadsWithSupportedKeywords) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator(schema_dir())) {
    EXPECT_TRUE(schema_violations(read_file(entry.path()), "{}").ok()) << entry.path();
    ++count;
  }
  EXPECT_EQ(count, static_cast<int>(std::size(kSamples)) + 1);  // + envelope.v1.json
}

TEST(EventSchemas, EveryTopicSchemaHasASampleAndViceVersa) {
  std::set<std::string> files, sampled;
  for (const auto& entry : fs::directory_iterator(schema_dir())) {
    if (entry.path().filename() != "envelope.v1.json") files.insert(entry.path().filename());
  }
  for (const TopicSample& s : kSamples) sampled.insert(std::string(s.type) + ".v1.json");
  EXPECT_EQ(files, sampled);
}

class TopicSchema : public ::testing::TestWithParam<TopicSample> {};

TEST_P(TopicSchema, SampleConformsToTopicAndEnvelopeSchemas) {
  const std::string event = envelope_json(GetParam().type, GetParam().data);
  EXPECT_EQ(violations(std::string(GetParam().type) + ".v1.json", event),
            std::vector<std::string>{});
  EXPECT_EQ(violations("envelope.v1.json", event), std::vector<std::string>{});
  EXPECT_TRUE(Envelope::parse(event).ok());
}

TEST_P(TopicSchema, BrokenSampleFails) {
  const std::string event = envelope_json(GetParam().type, GetParam().bad_data);
  EXPECT_FALSE(violations(std::string(GetParam().type) + ".v1.json", event).empty());
}

TEST_P(TopicSchema, EnvelopeOfAnotherTopicFails) {
  const std::string event = envelope_json("some.other_topic", GetParam().data);
  EXPECT_FALSE(violations(std::string(GetParam().type) + ".v1.json", event).empty());
}

TEST_P(TopicSchema, EnvelopeWithoutIdFails) {
  const std::string event =
      R"({"type":")" + std::string(GetParam().type) +
      R"(","version":1,"occurredAt":"2025-06-15T15:06:40Z","key":"9","data":)" + GetParam().data +
      "}";
  EXPECT_FALSE(violations(std::string(GetParam().type) + ".v1.json", event).empty());
  EXPECT_FALSE(violations("envelope.v1.json", event).empty());
}

INSTANTIATE_TEST_SUITE_P(V1, TopicSchema, ::testing::ValuesIn(kSamples), [](const auto& p) {
  std::string n = p.param.type;
  for (char& c : n) c = c == '.' ? '_' : c;
  return n;
});

}  // namespace
}  // namespace sp::events
