// Uploads against the real store (SQLite, and PostgreSQL when the test server runs) and a local
// blob store: the row, its job and the original are written together; same bytes, same media.
#include <gtest/gtest.h>

#include <fstream>

#include "logic/media_library.hpp"
#include "strangeprompt/blob/blob_store.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/db/statements.hpp"
#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/db/testing/scratch_database.hpp"
#include "strangeprompt/security/digest.hpp"

namespace sp::media {
namespace {

using namespace std::string_view_literals;
constexpr std::string_view kPng = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR-one"sv;
constexpr std::string_view kOtherPng = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR-two"sv;

class MediaLibraryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (auto why = db::testing::backend_unavailable_reason(GetParam())) GTEST_SKIP() << *why;
    auto scratch = db::testing::ScratchDatabase::create(GetParam());
    ASSERT_TRUE(scratch.ok()) << scratch.error().message;
    scratch_ = std::move(*scratch);
    ASSERT_TRUE(migrate_media_store(scratch_->db()).ok());
    auto blobs = blob::BlobStore::open({.backend = "local", .root = dir_.file("blobs")});
    ASSERT_TRUE(blobs.ok());
    blobs_ = std::move(*blobs);
    store_ = std::make_unique<MediaStore>(scratch_->db());
    library_ = std::make_unique<MediaLibrary>(*store_, *blobs_, ids_, clock_);
  }
  int64_t count(const char* table) {
    auto rows = scratch_->db().query(std::string("SELECT COUNT(*) FROM ") + table);
    return rows.ok() ? (*rows)[0].get_int(0) : -1;
  }

  sp::testing::TempDir dir_{"media-lib"};
  ManualClock clock_;
  IdGenerator ids_{clock_};
  std::unique_ptr<db::testing::ScratchDatabase> scratch_;
  std::unique_ptr<blob::BlobStore> blobs_;
  std::unique_ptr<MediaStore> store_;
  std::unique_ptr<MediaLibrary> library_;
};

TEST_P(MediaLibraryTest, UploadStoresPendingMediaItsJobAndThePrivateOriginal) {
  auto up = library_->upload(7, kPng);
  ASSERT_TRUE(up.ok()) << up.error().message;
  EXPECT_TRUE(up->created);
  EXPECT_EQ(up->media.status, "pending");
  EXPECT_EQ(up->media.format, "png");
  EXPECT_EQ(up->media.size_bytes, static_cast<int64_t>(kPng.size()));
  EXPECT_EQ(count("media_jobs"), 1);
  auto original = blobs_->get_bytes(up->media.blob_key);
  ASSERT_TRUE(original.ok());
  EXPECT_EQ(*original, kPng);
  auto got = library_->get(7, up->media.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->media.sha256, up->media.sha256);
  EXPECT_TRUE(got->media.metadata_json.empty());  // read by the worker (shown as tool "unknown")
}

TEST_P(MediaLibraryTest, AnUploadFromASpooledFileIsCopiedToTheBlobStoreWhole) {
  std::string big(kPng);
  for (int i = 0; i < 300'000; ++i) big.push_back(static_cast<char>(i * 13));  // > a put chunk
  const std::string path = dir_.file("spooled.part");
  {
    std::ofstream out(path, std::ios::binary);
    out << big;
  }
  auto up = library_->upload(7, source_from_file(path, std::string_view(big).substr(0, 512),
                                                 security::sha256_hex(big), big.size()));
  ASSERT_TRUE(up.ok()) << up.error().message;
  EXPECT_EQ(up->media.size_bytes, static_cast<int64_t>(big.size()));
  EXPECT_EQ(up->media.sha256, security::sha256_hex(big));
  EXPECT_EQ(blobs_->get_bytes(up->media.blob_key).value(), big);
  // The same bytes in memory are the same media.
  auto again = library_->upload(7, big);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  // A file that is gone fails the upload and leaves no media.
  auto gone = library_->upload(8, source_from_file(dir_.file("missing"), kPng, "ab", 10));
  EXPECT_FALSE(gone.ok());
  EXPECT_EQ(count("media"), 1);
}

TEST_P(MediaLibraryTest, SameBytesBySameOwnerReturnTheExistingMedia) {
  auto first = library_->upload(7, kPng);
  auto again = library_->upload(7, kPng);
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->media.id, first->media.id);
  EXPECT_EQ(count("media"), 1);
  EXPECT_EQ(count("media_jobs"), 1);
}

TEST_P(MediaLibraryTest, SameBytesByAnotherOwnerOrOtherBytesAreNewMedia) {
  auto mine = library_->upload(7, kPng);
  auto theirs = library_->upload(8, kPng);
  auto other = library_->upload(7, kOtherPng);
  ASSERT_TRUE(mine.ok() && theirs.ok() && other.ok());
  EXPECT_NE(theirs->media.id, mine->media.id);
  EXPECT_NE(other->media.id, mine->media.id);
  EXPECT_EQ(count("media"), 3);
}

TEST_P(MediaLibraryTest, NonImagesAreRefusedAndLeaveNothing) {
  auto up = library_->upload(7, "<svg xmlns='http://www.w3.org/2000/svg'/>");
  ASSERT_FALSE(up.ok());
  EXPECT_EQ(up.error().code, ErrorCode::kUnsupportedMedia);
  EXPECT_EQ(count("media"), 0);
  EXPECT_EQ(count("media_jobs"), 0);
}

TEST_P(MediaLibraryTest, OthersGetNotFoundForSomeonesMedia) {
  auto up = library_->upload(7, kPng);
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(library_->get(8, up->media.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(library_->get(7, up->media.id + 1).error().code, ErrorCode::kNotFound);
}

PostVisibility post_event(int64_t post, int64_t author, bool is_public, std::vector<int64_t> images,
                          int64_t at, std::string id) {
  return PostVisibility{.post_id = post,
                        .author_id = author,
                        .is_public = is_public,
                        .image_ids = std::move(images),
                        .event_at_ms = at,
                        .event_id = std::move(id)};
}

// Public while a public post of its owner uses it and it is ready and approved; the newest event
// of a post wins whatever order they arrive in; a redelivery changes nothing.
TEST_P(MediaLibraryTest, OthersReadTheMediaWhileAPublicPostOfItsOwnerUsesIt) {
  auto up = library_->upload(7, kPng);
  ASSERT_TRUE(up.ok());
  const int64_t id = up->media.id;
  auto settle = [&](const char* status, const char* outcome) {
    ASSERT_TRUE(db::run(scratch_->db(),
                        "UPDATE media SET status = ?, moderation_outcome = ? WHERE id = ?",
                        {std::string(status), std::string(outcome), id})
                    .ok());
  };
  auto readable = [&](int64_t viewer) { return library_->get(viewer, id).ok(); };
  settle("ready", "approved");
  EXPECT_FALSE(readable(8));
  EXPECT_FALSE(readable(0));
  // Someone else's public post naming the id does not make it public.
  ASSERT_TRUE(library_->apply_post_event(post_event(50, 8, true, {id}, 1000, "500")).value());
  EXPECT_FALSE(readable(8));
  ASSERT_TRUE(library_->apply_post_event(post_event(51, 7, true, {id, id}, 1000, "510")).value());
  ASSERT_TRUE(readable(8));
  auto seen = library_->get(0, id);
  ASSERT_TRUE(seen.ok());
  EXPECT_FALSE(seen->owner_view);
  EXPECT_TRUE(library_->get(7, id)->owner_view);
  // The same event again, or an older withdrawal arriving late: nothing changes.
  EXPECT_FALSE(library_->apply_post_event(post_event(51, 7, true, {id}, 1000, "510")).value());
  EXPECT_FALSE(library_->apply_post_event(post_event(51, 7, false, {}, 999, "509")).value());
  EXPECT_TRUE(readable(0));
  // Not ready, or not approved: not public, used or not.
  settle("ready", "needs_review");
  EXPECT_FALSE(readable(0));
  settle("processing", "approved");
  EXPECT_FALSE(readable(0));
  settle("ready", "approved");
  EXPECT_TRUE(readable(0));
  // Withdrawn (same millisecond, a later id): private again; an older revision changes nothing.
  ASSERT_TRUE(library_->apply_post_event(post_event(51, 7, false, {}, 1000, "511")).value());
  EXPECT_FALSE(readable(0));
  EXPECT_FALSE(library_->apply_post_event(post_event(51, 7, true, {id}, 1000, "99")).value());
  EXPECT_FALSE(readable(0));
  // Revised to another image list without it, then with it.
  ASSERT_TRUE(library_->apply_post_event(post_event(51, 7, true, {id + 1}, 2000, "600")).value());
  EXPECT_FALSE(readable(0));
  ASSERT_TRUE(library_->apply_post_event(post_event(51, 7, true, {id}, 3000, "700")).value());
  EXPECT_TRUE(readable(0));
  // The owner deleted: their media and public posts go.
  ASSERT_EQ(library_->remove_user(7).value(), 1);
  EXPECT_EQ(count("media_post_images"), 1);  // only someone else's post 50 still lists the id
  EXPECT_FALSE(readable(0));
}

INSTANTIATE_TEST_SUITE_P(Backends, MediaLibraryTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace sp::media
