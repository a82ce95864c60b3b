// Every event the profile flows publish conforms to its JSON Schema in schemas/events/.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "profile_harness.hpp"
#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/json_schema.hpp"

namespace sp::profile {
namespace {

std::string read_schema(const std::string& type, int version) {
  std::ifstream in(std::string(SP_EVENT_SCHEMAS_DIR) + "/" + type + ".v" + std::to_string(version) +
                   ".json");
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

TEST(ProfileEvents, EveryPublishedEventConformsToItsSchema) {
  testing::ProfileHarness h;
  const int64_t ann = h.user(101, "ann");
  const int64_t bob = h.user(202, "bob");
  // Media 77 is Ann's processed image (what media.processed would have said).
  ASSERT_TRUE(h.profiles()
                  .on_media_processed({.media_id = 77,
                                       .owner_id = ann,
                                       .usable = true,
                                       .url = "/media/77/w256.webp",
                                       .updated_at_ms = 1})
                  .ok());
  ProfileChange change;
  change.avatar = Patch<int64_t>::set(77);
  change.links = Patch<std::vector<std::string>>::set({"https://ann.example"});
  ASSERT_TRUE(h.profiles().update(ann, change).ok());
  PreferenceChange prefs;
  prefs.hidden_creators = std::vector<std::string>{"bob"};
  prefs.hidden_tags = std::vector<std::string>{"Gore"};
  ASSERT_TRUE(h.preferences().update(ann, prefs).ok());
  ASSERT_TRUE(h.graph().follow(bob, "ann").ok());
  ASSERT_TRUE(h.graph().block(ann, "bob").ok());  // also unfollows
  ASSERT_TRUE(h.graph().unblock(ann, "bob").ok());

  std::set<std::string> seen;
  for (const std::string& payload : h.outbox_payloads()) {
    auto envelope = events::Envelope::parse(payload);
    ASSERT_TRUE(envelope.ok()) << payload;
    seen.insert(envelope->type);
    const std::string schema = read_schema(envelope->type, envelope->version);
    ASSERT_FALSE(schema.empty()) << "no schema for " << envelope->type;
    auto violations = events::schema_violations(schema, payload);
    ASSERT_TRUE(violations.ok()) << violations.error().message;
    EXPECT_TRUE(violations->empty()) << envelope->type << ": " << (*violations)[0];
  }
  EXPECT_EQ(seen, (std::set<std::string>{"profile.updated", "profile.preferences_updated",
                                         "profile.followed", "profile.unfollowed",
                                         "profile.blocked", "profile.unblocked"}));
}

}  // namespace
}  // namespace sp::profile
