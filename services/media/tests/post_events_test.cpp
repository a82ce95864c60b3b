// Reading the gallery's post events and ordering them (pure logic).
#include <gtest/gtest.h>

#include "logic/post_events.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::media {
namespace {

std::string envelope(const std::string& type, const std::string& data, int version = 1) {
  return events::Envelope{"7311", type, version, 1'750'000'000'000, "9", data}.to_json().value();
}

TEST(PostEvents, PublishedRevisedAndWithdrawnAreRead) {
  auto published = read_post_event(
      envelope("gallery.post.published",
               R"({"postId":"9","authorId":"1","title":"t","tags":[],"imageIds":["3","4"]})"));
  ASSERT_TRUE(published.ok()) << published.error().message;
  EXPECT_EQ(published->post_id, 9);
  EXPECT_EQ(published->author_id, 1);
  EXPECT_TRUE(published->is_public);
  EXPECT_EQ(published->image_ids, (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(published->event_id, "7311");
  EXPECT_EQ(published->event_at_ms, 1'750'000'000'000);
  // Written before imageIds existed: public, with no image known.
  auto older = read_post_event(
      envelope("gallery.post.published", R"({"postId":"9","authorId":"1","title":"t","tags":[]})"));
  ASSERT_TRUE(older.ok());
  EXPECT_TRUE(older->image_ids.empty());
  auto revised = read_post_event(
      envelope("gallery.post.revised", R"({"postId":"9","authorId":"1","imageIds":["5"]})"));
  ASSERT_TRUE(revised.ok());
  EXPECT_TRUE(revised->is_public);
  EXPECT_EQ(revised->image_ids, (std::vector<int64_t>{5}));
  auto withdrawn = read_post_event(
      envelope("gallery.post.withdrawn", R"({"postId":"9","authorId":"1","reason":"deleted"})"));
  ASSERT_TRUE(withdrawn.ok());
  EXPECT_FALSE(withdrawn->is_public);
}

TEST(PostEvents, AnythingElseIsRefused) {
  EXPECT_FALSE(read_post_event("not json").ok());
  EXPECT_FALSE(read_post_event(envelope("gallery.likes", R"({"postId":"9","authorId":"1"})")).ok());
  EXPECT_FALSE(
      read_post_event(envelope("gallery.post.withdrawn", R"({"postId":"9","authorId":"1"})", 2))
          .ok());
  EXPECT_FALSE(read_post_event(envelope("gallery.post.withdrawn", R"({"postId":"9"})")).ok());
  EXPECT_FALSE(
      read_post_event(envelope("gallery.post.revised", R"({"postId":"9","authorId":"1"})")).ok());
  EXPECT_FALSE(read_post_event(envelope("gallery.post.revised",
                                        R"({"postId":"9","authorId":"1","imageIds":[3]})"))
                   .ok());
}

TEST(PostEvents, LaterTimeOrLaterIdComesAfter) {
  EXPECT_TRUE(comes_after(2, "1", 1, "99"));
  EXPECT_FALSE(comes_after(1, "99", 2, "1"));
  EXPECT_TRUE(comes_after(1, "100", 1, "99"));  // numeric, not text order
  EXPECT_FALSE(comes_after(1, "99", 1, "100"));
  EXPECT_FALSE(comes_after(1, "42", 1, "42"));  // a redelivery is not newer
}

}  // namespace
}  // namespace sp::media
