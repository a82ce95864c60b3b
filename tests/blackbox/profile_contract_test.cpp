// The profile API against its contracts, on the real binary (SQLite): every documented status of
// every /v1/profiles operation is provoked and every observed one is documented in
// schemas/openapi.yaml; every event the scenario makes the profile service (and auth's account
// deletion) publish conforms to its JSON Schema in schemas/events/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "openapi_statuses.hpp"
#include "profile_client.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/events/json_schema.hpp"

namespace sp::testing {
namespace {

using http::Method;

// Documented but not provokable from outside: a signed-in user whose user.signup has not reached
// the profile service yet (a window of about a second after sign-up).
const std::set<std::pair<Operation, int>> kNotProvoked = {
    {{"get", "/v1/profiles/me"}, 404},
    {{"patch", "/v1/profiles/me"}, 404},
    {{"get", "/v1/profiles/me/preferences"}, 404},
    {{"patch", "/v1/profiles/me/preferences"}, 404},
};

class ProfileContract : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(profile_server_options("sqlite"));
    ASSERT_TRUE(server_->started()) << server_->log();
    api_ = std::make_unique<ProfileClient>(*server_);
    documented_ = documented_statuses(SP_OPENAPI_PATH);
    ASSERT_GT(documented_.size(), 10u) << "could not read " << SP_OPENAPI_PATH;
  }

  // Sends the request; checks the status is `expected` and documented for (method, templ).
  http::ClientResponse expect(int expected, Method method, const std::string& templ,
                              const std::string& path, std::string body = {},
                              const std::string& token = {}, http::Headers headers = {}) {
    auto r = api_->call(method, path, std::move(body), token, std::move(headers));
    std::string m(http::to_string(method));
    for (char& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const Operation op{m, templ};
    EXPECT_EQ(r.status, expected) << m << " " << path << ": " << r.body;
    EXPECT_TRUE(documented_[op].count(r.status))
        << m << " " << templ << " answered " << r.status << ", not documented: " << r.body;
    observed_.insert({op, r.status});
    return r;
  }
  // GET `path` twice: 200 with an ETag, then 304 for If-None-Match.
  void expect_cached(const std::string& templ, const std::string& path,
                     const std::string& token = {}) {
    auto r = expect(200, Method::kGet, templ, path, {}, token);
    expect(304, Method::kGet, templ, path, {}, token,
           {{"if-none-match", std::string(r.header("etag"))}});
  }

  // The process's embedded event log, opened beside it.
  Result<std::unique_ptr<events::EventLog>> embedded_log() const {
    return events::EventLog::open(
        {.backend = "embedded",
         .path = (std::filesystem::path(server_->data_dir()) / "events.db").string(),
         .postgres_dsn = {},
         .postgres_schema = {},
         .clock = nullptr});
  }

  // Appends an event to the process's embedded event log, as its producer would.
  void publish(const std::string& topic, const std::string& key, const std::string& data_json) {
    auto log = embedded_log();
    ASSERT_TRUE(log.ok());
    events::Envelope e{.id = "contract-" + key,
                       .type = topic,
                       .occurred_at_ms = 1'700'000'000'000,
                       .key = key,
                       .data_json = data_json};
    ASSERT_TRUE((*log)->append(topic, key, e.to_json().value()).ok());
  }

  // Every event published on `topic`, from the process's embedded event log (polls until at
  // least `at_least` arrived: the outbox relay runs every 100 ms).
  std::vector<std::string> published(const std::string& topic, std::size_t at_least) {
    auto log = embedded_log();
    std::vector<std::string> out;
    if (!log.ok()) return out;
    for (int attempt = 0; attempt < 500; ++attempt) {
      auto records = (*log)->read(topic, 0, 1000);
      if (records.ok() && records->size() >= at_least) {
        for (const auto& r : *records) out.push_back(r.payload);
        return out;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return out;
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ProfileClient> api_;
  std::map<Operation, std::set<int>> documented_;
  std::set<std::pair<Operation, int>> observed_;
};

std::string read_schema(const std::string& type, int version) {
  std::ifstream in(std::string(SP_EVENT_SCHEMAS_DIR) + "/" + type + ".v" + std::to_string(version) +
                   ".json");
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

TEST_F(ProfileContract, EveryDocumentedStatusIsProvokedAndEveryObservedOneIsDocumented) {
  const TestUser ann = api_->sign_up("ann_c");
  const TestUser bob = api_->sign_up("bob_c");
  ASSERT_FALSE(ann.token.empty());
  ASSERT_FALSE(bob.token.empty());
  auto key = api_->call(Method::kPost, "/v1/auth/api-keys",
                        R"({"name":"ro","scopes":["gallery:write"]})", ann.token);
  ASSERT_EQ(key.status, 201) << key.body;
  const std::string no_scope(json::parse(key.body).at("key").as_string());
  const std::string bad_token = "not.a.token";

  const std::string me = "/v1/profiles/me";
  expect_cached(me, me, ann.token);
  expect(401, Method::kGet, me, me);
  expect(200, Method::kPatch, me, me, R"({"bio":"hello","links":["https://a.example"]})",
         ann.token);
  expect(400, Method::kPatch, me, me, R"({"handle":"x"})", ann.token);
  expect(401, Method::kPatch, me, me, R"({"bio":"x"})");
  expect(403, Method::kPatch, me, me, R"({"bio":"x"})", no_scope);
  expect(415, Method::kPatch, me, me, {}, ann.token, {{"content-type", "text/plain"}});

  const std::string prefs = "/v1/profiles/me/preferences";
  expect_cached(prefs, prefs, ann.token);
  expect(401, Method::kGet, prefs, prefs);
  expect(200, Method::kPatch, prefs, prefs, R"({"digest":"daily","hiddenTags":["x"]})", ann.token);
  expect(400, Method::kPatch, prefs, prefs, R"({"timezone":"Nowhere/Here"})", ann.token);
  expect(401, Method::kPatch, prefs, prefs, R"({"digest":"daily"})");
  expect(403, Method::kPatch, prefs, prefs, R"({"digest":"daily"})", no_scope);
  expect(415, Method::kPatch, prefs, prefs, {}, ann.token, {{"content-type", "text/plain"}});

  const std::string one = "/v1/profiles/{handle}";
  expect_cached(one, "/v1/profiles/ann_c");
  expect(200, Method::kGet, one, "/v1/profiles/ann_c", {}, bob.token);
  expect(401, Method::kGet, one, "/v1/profiles/ann_c", {}, bad_token);
  expect(404, Method::kGet, one, "/v1/profiles/nobody_c");

  for (const char* verb : {"follow", "block"}) {
    const std::string templ = std::string("/v1/profiles/{handle}/") + verb;
    const std::string bob_path = std::string("/v1/profiles/bob_c/") + verb;
    const std::string ann_path = std::string("/v1/profiles/ann_c/") + verb;
    const std::string nobody = std::string("/v1/profiles/nobody_c/") + verb;
    for (Method m : {Method::kPut, Method::kDelete}) {
      expect(204, m, templ, bob_path, {}, ann.token);
      expect(400, m, templ, ann_path, {}, ann.token);
      expect(401, m, templ, bob_path);
      expect(403, m, templ, bob_path, {}, no_scope);
      expect(404, m, templ, nobody, {}, ann.token);
    }
  }
  // 403 for a follow across a block.
  ASSERT_EQ(api_->call(Method::kPut, "/v1/profiles/bob_c/block", {}, ann.token).status, 204);
  expect(403, Method::kPut, "/v1/profiles/{handle}/follow", "/v1/profiles/ann_c/follow", {},
         bob.token);

  const std::string blocks = "/v1/profiles/me/blocks";
  expect_cached(blocks, blocks, ann.token);
  expect(400, Method::kGet, blocks, blocks + "?limit=0", {}, ann.token);
  expect(401, Method::kGet, blocks, blocks);

  for (const char* list : {"followers", "following"}) {
    const std::string templ = std::string("/v1/profiles/{handle}/") + list;
    const std::string path = std::string("/v1/profiles/ann_c/") + list;
    expect_cached(templ, path);
    expect(400, Method::kGet, templ, path + "?cursor=forged", {});
    expect(401, Method::kGet, templ, path, {}, bad_token);
    expect(404, Method::kGet, templ, std::string("/v1/profiles/nobody_c/") + list);
  }

  for (const auto& [op, statuses] : documented_) {
    if (!op.second.starts_with("/v1/profiles")) continue;
    for (int status : statuses) {
      if (kNotProvoked.count({op, status})) continue;
      EXPECT_TRUE(observed_.count({op, status}))
          << op.first << " " << op.second << " documents " << status
          << " but this test never provokes it: provoke it here or stop documenting it";
    }
  }
}

TEST_F(ProfileContract, EveryProfileEventConformsToItsSchema) {
  const TestUser ann = api_->sign_up("ann_e");
  const TestUser bob = api_->sign_up("bob_e");
  // Media 42 is Ann's processed image (the media service would say so); the avatar may name it
  // once the profile service has consumed that.
  publish(
      "media.processed", "42",
      R"({"mediaId":"42","ownerId":")" + ann.id +
          R"(","status":"ready","moderation":"approved","variants":[{"name":"w256",)"
          R"("key":"/media/42/w256.webp","width":256,"height":200,"contentType":"image/webp"}]})");
  ASSERT_TRUE(eventually([&] {
    return api_->call(Method::kPatch, "/v1/profiles/me",
                      R"({"avatar":"42","links":["http://x.y"]})", ann.token)
               .status == 200;
  }));
  ASSERT_EQ(api_->call(Method::kPatch, "/v1/profiles/me/preferences",
                       R"({"hiddenCreators":["bob_e"],"hiddenTags":["gore"]})", ann.token)
                .status,
            200);
  ASSERT_EQ(api_->call(Method::kPut, "/v1/profiles/bob_e/follow", {}, ann.token).status, 204);
  ASSERT_EQ(api_->call(Method::kDelete, "/v1/profiles/bob_e/follow", {}, ann.token).status, 204);
  ASSERT_EQ(api_->call(Method::kPut, "/v1/profiles/bob_e/block", {}, ann.token).status, 204);
  ASSERT_EQ(api_->call(Method::kDelete, "/v1/profiles/bob_e/block", {}, ann.token).status, 204);
  ASSERT_EQ(api_->call(Method::kPost, "/v1/auth/account/delete",
                       std::string(R"({"currentPassword":")") + kProfilePassword + "\"}", bob.token)
                .status,
            204);
  const std::map<std::string, std::size_t> expected = {
      {"profile.updated", 3},  {"profile.preferences_updated", 1},
      {"profile.followed", 1}, {"profile.unfollowed", 1},
      {"profile.blocked", 1},  {"profile.unblocked", 1},
      {"user.deleted", 1}};
  for (const auto& [topic, count] : expected) {
    auto payloads = published(topic, count);
    ASSERT_EQ(payloads.size(), count) << topic;
    for (const std::string& payload : payloads) {
      auto envelope = events::Envelope::parse(payload);
      ASSERT_TRUE(envelope.ok()) << payload;
      const std::string schema = read_schema(envelope->type, envelope->version);
      ASSERT_FALSE(schema.empty()) << "no schema for " << envelope->type;
      auto violations = events::schema_violations(schema, payload);
      ASSERT_TRUE(violations.ok()) << violations.error().message;
      EXPECT_TRUE(violations->empty()) << topic << ": " << (*violations)[0] << "\n" << payload;
    }
  }
  // The shapes other services code against.
  auto updated = json::parse(published("profile.updated", 3)[2]).at("data").as_object();
  EXPECT_EQ(updated.at("avatar").as_string(), "42");
  auto prefs = json::parse(published("profile.preferences_updated", 1)[0]).at("data").as_object();
  EXPECT_EQ(prefs.at("hiddenCreatorIds").as_array()[0].as_string(), bob.id);
}

}  // namespace
}  // namespace sp::testing
