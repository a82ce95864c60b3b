// Behaviour specific to the local-disk adapter: what it leaves on disk.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "keys.hpp"
#include "strangeprompt/blob/blob_store.hpp"
#include "test_support.hpp"

namespace sp::blob {
namespace {

namespace fs = std::filesystem;

class LocalBlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = BlobStore::open({.backend = "local", .root = root().string()});
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
  }
  fs::path root() const { return dir_.path() / "blobs"; }
  // Every file under the root, relative, hidden ones included.
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root())) {
      if (e.is_regular_file()) out.push_back(fs::relative(e.path(), root()).string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  using Files = std::vector<std::string>;

  testing::TempDir dir_;
  std::unique_ptr<BlobStore> store_;
};

Reader failing_after(std::string first_chunk) {
  auto sent = std::make_shared<bool>(false);
  return [first_chunk, sent](std::span<char> buf) -> Result<std::size_t> {
    if (*sent) return Error::unavailable("dropped");
    *sent = true;
    std::copy(first_chunk.begin(), first_chunk.end(), buf.begin());
    return first_chunk.size();
  };
}

TEST_F(LocalBlobStoreTest, SuccessfulPutLeavesOnlyTheObject) {
  ASSERT_TRUE(store_->put_bytes("media/1/orig.png", "x").ok());
  EXPECT_EQ(files(), Files{"media/1/orig.png"});
}

TEST_F(LocalBlobStoreTest, FailedPutLeavesNoTemporaryFile) {
  ASSERT_TRUE(store_->put_bytes("media/1/orig.png", "x").ok());
  ASSERT_FALSE(store_->put("media/1/orig.png", failing_after("partial")).ok());
  ASSERT_FALSE(store_->put("media/1/new.png", failing_after("partial")).ok());
  EXPECT_EQ(files(), Files{"media/1/orig.png"});
}

TEST_F(LocalBlobStoreTest, ThrowingReaderLeavesNoTemporaryFile) {
  Reader throwing = [](std::span<char>) -> Result<std::size_t> {
    throw std::runtime_error("bug in reader");
  };
  EXPECT_THROW((void)store_->put("k", throwing), std::runtime_error);
  EXPECT_EQ(files(), Files{});
}

TEST_F(LocalBlobStoreTest, LocalPathPointsAtTheBytes) {
  ASSERT_TRUE(store_->put_bytes("a/b.txt", "hello").ok());
  auto path = store_->local_path("a/b.txt");
  ASSERT_TRUE(path.has_value());
  std::ifstream in(*path);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_EQ(s.str(), "hello");
  EXPECT_EQ(store_->local_path("a"), std::nullopt);  // a directory, not an object
}

TEST_F(LocalBlobStoreTest, KeyBelowAnExistingObjectConflicts) {
  ASSERT_TRUE(store_->put_bytes("a", "file").ok());
  EXPECT_EQ(store_->put_bytes("a/b", "x").error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store_->put_bytes("c/d", "x").ok());
  EXPECT_EQ(store_->put_bytes("c", "x").error().code, ErrorCode::kConflict);
}

TEST_F(LocalBlobStoreTest, RootWithATrailingSlashWorks) {
  auto s = BlobStore::open({.backend = "local", .root = (dir_.path() / "other").string() + "/"});
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE((*s)->put_bytes("x/y/z", "v").ok());
  EXPECT_EQ((*s)->get_bytes("x/y/z").value_or("?"), "v");
}

TEST(BlobKeys, ValidKeysFollowTheRules) {
  for (const char* good : {"a", "media/42/orig.png", "A-Z_0.9", "a.b.c/d-e_f", "x/y..z"}) {
    EXPECT_TRUE(is_valid_key(good)) << good;
  }
  for (const char* bad : {"", "/a", "a/", "a//b", "..", "../a", "a/..", ".a", "a/.b", "a b", "a\\b",
                          "a?b", "a%2fb", "a\nb"}) {
    EXPECT_FALSE(is_valid_key(bad)) << bad;
  }
  EXPECT_TRUE(is_valid_key(std::string(kMaxKeyBytes, 'a')));
  EXPECT_FALSE(is_valid_key(std::string(kMaxKeyBytes + 1, 'a')));
}

TEST(BlobKeys, ContentTypeFromExtension) {
  const std::pair<const char*, std::optional<std::string>> cases[] = {
      {"a.png", "image/png"},   {"a/B.JPG", "image/jpeg"}, {"x.jpeg", "image/jpeg"},
      {"v.webp", "image/webp"}, {"noext", std::nullopt},   {"dir.png/file", std::nullopt},
      {"a.exe", std::nullopt},
  };
  for (const auto& [key, type] : cases) EXPECT_EQ(content_type_for(key), type) << key;
}

}  // namespace
}  // namespace sp::blob
