// Pure parts of the media copy: the status a post serves for a media.processed event, and the
// id list read back from a served `images` array.
#include <gtest/gtest.h>

#include "logic/media_copy.hpp"
#include "store/media_items.hpp"

namespace sp::gallery {
namespace {

TEST(MediaCopy, ServedStatusFollowsProcessingThenModeration) {
  EXPECT_EQ(served_media_status("ready", "approved"), "ready");
  EXPECT_EQ(served_media_status("ready", ""), "ready");  // a producer without moderation
  EXPECT_EQ(served_media_status("ready", "needs_review"), "pending");
  EXPECT_EQ(served_media_status("ready", "rejected"), "rejected");
  EXPECT_EQ(served_media_status("failed", "approved"), "failed");
  EXPECT_EQ(served_media_status("failed", "rejected"), "failed");
}

TEST(MediaCopy, ImageIdsComeBackInTheirOrder) {
  EXPECT_EQ(image_ids(R"(["12","3","456789012345678901"])"),
            (std::vector<int64_t>{12, 3, 456789012345678901}));
  EXPECT_TRUE(image_ids("[]").empty());
  EXPECT_EQ(image_ids(R"(["7"])"), (std::vector<int64_t>{7}));
}

}  // namespace
}  // namespace sp::gallery
