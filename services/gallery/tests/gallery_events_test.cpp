// The gallery's logic over a scratch SQLite database: the events it publishes conform to their
// schemas in schemas/events/, and a post is announced once, when it first becomes public.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "gallery_runtime.hpp"
#include "handlers/post_body.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/events/json_schema.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace sp::gallery {
namespace {

class GalleryLogic : public ::testing::Test {
 protected:
  void SetUp() override {
    db::DatabaseOptions options;
    options.sqlite_path = dir_.file("gallery.db");
    auto db = db::Database::open(options);
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(*db);
    ASSERT_TRUE(migrate_gallery_store(*db_).ok());
    auto log = events::EventLog::open({.backend = "embedded", .path = dir_.file("events.db")});
    ASSERT_TRUE(log.ok());
    log_ = std::move(*log);
    auto rt = GalleryRuntime::open(*db_, clock_, GallerySettings{});
    ASSERT_TRUE(rt.ok()) << rt.error().message;
    rt_ = std::move(*rt);
  }

  PostView create(int64_t author, std::string_view body_json) {
    auto body = http::JsonBody::from_text(body_json);
    EXPECT_TRUE(body.ok());
    PostDraft draft = read_post_draft(*body);
    EXPECT_TRUE(body->finish().ok()) << body_json;
    auto post = rt_->posts().create(author, draft);
    EXPECT_TRUE(post.ok()) << post.error().message;
    return post.ok() ? *post : PostView{};
  }

  // Every envelope published on `topic` so far (the outbox relayed once).
  std::vector<events::Envelope> published(std::string_view topic) {
    events::OutboxRelay relay(*db_, *log_);
    EXPECT_TRUE(relay.relay_once().ok());
    auto records = log_->read(topic, 0, 1000);
    EXPECT_TRUE(records.ok());
    std::vector<events::Envelope> out;
    for (const auto& r : *records) out.push_back(*events::Envelope::parse(r.payload));
    return out;
  }

  void expect_conforms(std::string_view topic) {
    auto envelopes = published(topic);
    ASSERT_FALSE(envelopes.empty()) << "no " << topic << " event";
    for (const auto& e : envelopes) {
      std::ifstream in(std::string(SP_EVENT_SCHEMAS_DIR) + "/" + e.type + ".v1.json");
      std::stringstream schema;
      schema << in.rdbuf();
      ASSERT_FALSE(schema.str().empty()) << e.type;
      auto violations = events::schema_violations(schema.str(), *e.to_json());
      ASSERT_TRUE(violations.ok());
      EXPECT_TRUE(violations->empty()) << topic << ": " << (*violations)[0];
    }
  }

  sp::testing::TempDir dir_{"sp-gallery"};
  ManualClock clock_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<events::EventLog> log_;
  std::unique_ptr<GalleryRuntime> rt_;
};

TEST_F(GalleryLogic, PublishedLikesAndCommentsEventsConformToTheirSchemas) {
  PostView post = create(7, R"({"title":"t","prompt":"p","tags":["a"],
                               "params":{"model":{"name":"flux1-dev"}}})");
  ASSERT_TRUE(rt_->likes().set(8, post.id, true).ok());
  ASSERT_TRUE(rt_->likes().set(8, post.id, false).ok());
  ASSERT_TRUE(rt_->comments().create(8, post.id, "nice").ok());
  expect_conforms("gallery.post.published");
  expect_conforms("gallery.likes");
  expect_conforms("gallery.comments");
  EXPECT_EQ(published("gallery.likes").size(), 2u);
}

TEST_F(GalleryLogic, ADraftIsAnnouncedOnceWhenItFirstBecomesPublic) {
  PostView draft = create(7, R"({"title":"t","prompt":"p","visibility":"draft"})");
  EXPECT_TRUE(published("gallery.post.published").empty());
  EXPECT_FALSE(draft.published_at_ms.has_value());
  PostChanges to_public;
  to_public.visibility = Patch<Visibility>::set(Visibility::kPublic);
  clock_.advance(std::chrono::minutes(5));
  auto shown = rt_->posts().update(7, draft.id, to_public);
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ(shown->published_at_ms, clock_.now_ms());
  EXPECT_GT(shown->hot, 0.0);
  PostChanges to_private;
  to_private.visibility = Patch<Visibility>::set(Visibility::kPrivate);
  ASSERT_TRUE(rt_->posts().update(7, draft.id, to_private).ok());
  ASSERT_TRUE(rt_->posts().update(7, draft.id, to_public).ok());
  EXPECT_EQ(published("gallery.post.published").size(), 1u);
}

// What the media service follows to make images public: published carries imageIds; images
// changed while public, or public again, is revised (not a new publication); not public any more
// (visibility, deletion, the author deleted) is withdrawn. Every event conforms to its schema.
TEST_F(GalleryLogic, PublicImagesAreAnnouncedRevisedAndWithdrawn) {
  PostView post = create(7, R"({"title":"t","prompt":"p","images":["101","102"]})");
  auto first = published("gallery.post.published");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_NE(first[0].data_json.find(R"("imageIds":["101","102"])"), std::string::npos)
      << first[0].data_json;
  PostChanges images;
  images.images = Patch<std::vector<int64_t>>::set({101, 103});
  ASSERT_TRUE(rt_->posts().update(7, post.id, images).ok());
  ASSERT_TRUE(rt_->posts().update(7, post.id, images).ok());  // the same list: nothing new
  auto revised = published("gallery.post.revised");
  ASSERT_EQ(revised.size(), 1u);
  EXPECT_NE(revised[0].data_json.find(R"("imageIds":["101","103"])"), std::string::npos);
  PostChanges to_unlisted;
  to_unlisted.visibility = Patch<Visibility>::set(Visibility::kUnlisted);
  ASSERT_TRUE(rt_->posts().update(7, post.id, to_unlisted).ok());
  auto withdrawn = published("gallery.post.withdrawn");
  ASSERT_EQ(withdrawn.size(), 1u);
  EXPECT_NE(withdrawn[0].data_json.find(R"("reason":"not_public")"), std::string::npos);
  PostChanges to_public;
  to_public.visibility = Patch<Visibility>::set(Visibility::kPublic);
  ASSERT_TRUE(rt_->posts().update(7, post.id, to_public).ok());
  EXPECT_EQ(published("gallery.post.revised").size(), 2u);
  EXPECT_EQ(published("gallery.post.published").size(), 1u);  // followers hear of it once
  ASSERT_TRUE(rt_->posts().remove(7, post.id).ok());
  withdrawn = published("gallery.post.withdrawn");
  ASSERT_EQ(withdrawn.size(), 2u);
  EXPECT_NE(withdrawn[1].data_json.find(R"("reason":"deleted")"), std::string::npos);
  PostView hidden = create(7, R"({"title":"t","prompt":"p","visibility":"private"})");
  ASSERT_TRUE(rt_->posts().remove(7, hidden.id).ok());  // never public: nothing to withdraw
  EXPECT_EQ(published("gallery.post.withdrawn").size(), 2u);
  expect_conforms("gallery.post.published");
  expect_conforms("gallery.post.revised");
  expect_conforms("gallery.post.withdrawn");
}

TEST_F(GalleryLogic, RepeatedLikesCountOnceAndRaiseHot) {
  PostView post = create(7, R"({"title":"t","prompt":"p"})");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(rt_->likes().set(8, post.id, true).ok());
  auto after = rt_->posts().get(0, post.id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->like_count, 1);
  EXPECT_GT(after->hot, post.hot);
}

TEST_F(GalleryLogic, CommentsBeyondTheBurstAreRateLimited) {
  PostView post = create(7, R"({"title":"t","prompt":"p"})");
  const int64_t burst = GallerySettings{}.comment_burst;
  for (int64_t i = 0; i < burst; ++i) ASSERT_TRUE(rt_->comments().create(8, post.id, "x").ok());
  auto denied = rt_->comments().create(8, post.id, "x");
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::kRateLimited);
  EXPECT_GE(denied.error().retry_after_seconds, 1);
  EXPECT_TRUE(rt_->comments().create(9, post.id, "another user is not limited").ok());
  EXPECT_EQ(rt_->posts().get(0, post.id)->comment_count, burst + 1);
}

TEST_F(GalleryLogic, ARemixMustNameAPostTheAuthorCanSee) {
  PostView hidden = create(7, R"({"title":"t","prompt":"p","visibility":"private"})");
  auto body = http::JsonBody::from_text(R"({"title":"r","prompt":"p","remixOf":")" +
                                        std::to_string(hidden.id) + "\"}");
  PostDraft draft = read_post_draft(*body);
  auto denied = rt_->posts().create(8, draft);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().fields.at(0).field, "remixOf");
  EXPECT_TRUE(rt_->posts().create(7, draft).ok()) << "the author may remix their own";
}

}  // namespace
}  // namespace sp::gallery
