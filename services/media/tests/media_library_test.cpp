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

INSTANTIATE_TEST_SUITE_P(Backends, MediaLibraryTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace sp::media
