// The BlobStore contract, run against every adapter.
#include <gtest/gtest.h>

#include <cstring>
#include <ostream>

#include "strangeprompt/blob/blob_store.hpp"
#include "strangeprompt/blob/testing/s3.hpp"
#include "test_support.hpp"

namespace sp::blob {
namespace {

struct BlobBackend {
  std::string name;
  std::function<BlobStoreOptions(const testing::TempDir&)> fresh;
  bool needs_s3 = false;
  friend void PrintTo(const BlobBackend& b, std::ostream* os) { *os << b.name; }
};

// s3rver (the `s3` ctest fixture), each test under a fresh key prefix; "s3_multipart" sends
// anything above 64 KiB as a multipart upload.
BlobStoreOptions s3_backend(std::size_t part_size) {
  BlobStoreOptions o{.backend = "s3"};
  o.s3 = testing::s3_options_for_tests(testing::s3_endpoint_for_tests().value_or(""));
  o.s3.part_size = part_size;
  return o;
}

std::vector<BlobBackend> backends() {
  return {{"local",
           [](const testing::TempDir& dir) {
             return BlobStoreOptions{.backend = "local", .root = (dir.path() / "blobs").string()};
           }},
          {"s3", [](const testing::TempDir&) { return s3_backend(S3Options{}.part_size); }, true},
          {"s3_multipart", [](const testing::TempDir&) { return s3_backend(64 * 1024); }, true}};
}

// A reader handing out `data` in chunks of at most `chunk` bytes, then failing if `fail` is set.
Reader chunked(std::string data, std::size_t chunk, bool fail = false) {
  auto pos = std::make_shared<std::size_t>(0);
  return [data = std::move(data), chunk, fail, pos](std::span<char> buf) -> Result<std::size_t> {
    const std::size_t n = std::min({chunk, buf.size(), data.size() - *pos});
    if (n == 0 && fail) return Error::unavailable("upload connection dropped");
    std::memcpy(buf.data(), data.data() + *pos, n);
    *pos += n;
    return n;
  };
}

class BlobStoreConformance : public ::testing::TestWithParam<BlobBackend> {
 protected:
  void SetUp() override {
    if (GetParam().needs_s3 && !testing::s3_endpoint_for_tests()) {
      GTEST_SKIP() << "no S3 test server (SP_TEST_S3_ENDPOINT_FILE is unset)";
    }
    auto s = BlobStore::open(GetParam().fresh(dir_));
    ASSERT_TRUE(s.ok()) << s.error().internal;
    store_ = std::move(s).value();
  }
  testing::TempDir dir_;
  std::unique_ptr<BlobStore> store_;
};

TEST_P(BlobStoreConformance, AWorkingStoreAnswersPing) {
  EXPECT_TRUE(store_->ping().ok());
}

TEST_P(BlobStoreConformance, PutBytesThenGetBytesRoundTrips) {
  ASSERT_TRUE(store_->put_bytes("media/1/orig.png", "png bytes").ok());
  EXPECT_EQ(store_->get_bytes("media/1/orig.png").value_or("?"), "png bytes");
}

TEST_P(BlobStoreConformance, StreamedPutAndGetPreserveLargeContent) {
  std::string big(300'000, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 31 % 251);
  ASSERT_TRUE(store_->put("big.bin", chunked(big, 7'777)).ok());
  std::string got;
  int chunks = 0;
  ASSERT_TRUE(store_
                  ->get("big.bin",
                        [&](std::string_view c) {
                          got.append(c);
                          ++chunks;
                          return ok_status();
                        })
                  .ok());
  EXPECT_EQ(got, big);
  EXPECT_GT(chunks, 1);
}

TEST_P(BlobStoreConformance, EmptyObjectIsAnObject) {
  ASSERT_TRUE(store_->put_bytes("empty", "").ok());
  EXPECT_EQ(store_->get_bytes("empty").value_or("?"), "");
  EXPECT_EQ(store_->stat("empty")->size, 0u);
}

TEST_P(BlobStoreConformance, PutReplacesTheObject) {
  ASSERT_TRUE(store_->put_bytes("k", "old and longer").ok());
  ASSERT_TRUE(store_->put_bytes("k", "new").ok());
  EXPECT_EQ(store_->get_bytes("k").value_or("?"), "new");
}

TEST_P(BlobStoreConformance, FailedPutLeavesThePreviousObject) {
  ASSERT_TRUE(store_->put_bytes("k", "old").ok());
  auto s = store_->put("k", chunked("partial new", 4, /*fail=*/true));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(store_->get_bytes("k").value_or("?"), "old");
}

TEST_P(BlobStoreConformance, FailedPutOfANewKeyLeavesNothing) {
  ASSERT_FALSE(store_->put("new", chunked("partial", 3, /*fail=*/true)).ok());
  EXPECT_EQ(store_->stat("new").error().code, ErrorCode::kNotFound);
}

TEST_P(BlobStoreConformance, MissingObjectIsNotFound) {
  EXPECT_EQ(store_->get_bytes("nope").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->stat("nope").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->get_bytes("no/such/dir").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->local_path("nope"), std::nullopt);
}

TEST_P(BlobStoreConformance, PrefixOfAKeyIsNotAnObject) {
  ASSERT_TRUE(store_->put_bytes("media/1/orig.png", "x").ok());
  EXPECT_EQ(store_->stat("media/1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->get_bytes("media").error().code, ErrorCode::kNotFound);
}

TEST_P(BlobStoreConformance, StatReportsSizeTypeAndTime) {
  const auto before = std::chrono::system_clock::now();
  ASSERT_TRUE(store_->put_bytes("a/b.dat", "12345", {.content_type = "image/x-test"}).ok());
  auto info = store_->stat("a/b.dat");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->size, 5u);
  EXPECT_EQ(info->content_type, "image/x-test");
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(before.time_since_epoch());
  EXPECT_GE(info->mtime_ms, ms.count() - 2'000);
}

TEST_P(BlobStoreConformance, ContentTypeFallsBackToTheExtension) {
  ASSERT_TRUE(store_->put_bytes("p.webp", "x").ok());
  ASSERT_TRUE(store_->put_bytes("p.unknown", "x").ok());
  EXPECT_EQ(store_->stat("p.webp")->content_type, "image/webp");
  EXPECT_EQ(store_->stat("p.unknown")->content_type, std::nullopt);
}

TEST_P(BlobStoreConformance, RemoveDeletesAndIsIdempotent) {
  ASSERT_TRUE(store_->put_bytes("k", "v").ok());
  EXPECT_TRUE(store_->remove("k").ok());
  EXPECT_EQ(store_->stat("k").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store_->remove("k").ok());
}

TEST_P(BlobStoreConformance, SinkErrorStopsTheGet) {
  ASSERT_TRUE(store_->put_bytes("k", std::string(200'000, 'x')).ok());
  int calls = 0;
  auto s = store_->get("k", [&](std::string_view) {
    ++calls;
    return Status(Error::unavailable("client went away"));
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(calls, 1);
}

TEST_P(BlobStoreConformance, InvalidKeysAreRejectedEverywhere) {
  for (const char* key : {"", "/abs", "../up", "a/../b", "a//b", "a/", ".hidden", "a/.tmp",
                          "sp ace", "uni\xc3\xa9", "back\\slash"}) {
    EXPECT_EQ(store_->put_bytes(key, "x").error().code, ErrorCode::kInvalidArgument) << key;
    EXPECT_EQ(store_->get_bytes(key).error().code, ErrorCode::kInvalidArgument) << key;
    EXPECT_EQ(store_->stat(key).error().code, ErrorCode::kInvalidArgument) << key;
    EXPECT_EQ(store_->remove(key).error().code, ErrorCode::kInvalidArgument) << key;
    EXPECT_EQ(store_->local_path(key), std::nullopt) << key;
  }
}

TEST_P(BlobStoreConformance, ContentTypeWithControlCharactersIsRejected) {
  auto s = store_->put_bytes("k", "v", {.content_type = "text/plain\r\nX-Evil: 1"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Adapters, BlobStoreConformance, ::testing::ValuesIn(backends()),
                         [](const auto& p) { return p.param.name; });

TEST(BlobStoreFactory, S3NeedsEndpointBucketAndCredentials) {
  EXPECT_EQ(BlobStore::open({.backend = "s3"}).error().code, ErrorCode::kInvalidArgument);
  BlobStoreOptions o{.backend = "s3"};
  o.s3 = {.endpoint = "ftp://x", .bucket = "b", .access_key_id = "a", .secret_access_key = "s"};
  EXPECT_EQ(BlobStore::open(o).error().code, ErrorCode::kInvalidArgument);
  o.s3.endpoint = "http://127.0.0.1:1";
  EXPECT_TRUE(BlobStore::open(o).ok());  // opening does not connect
  o.s3.bucket.clear();
  EXPECT_EQ(BlobStore::open(o).error().code, ErrorCode::kInvalidArgument);
}

TEST(BlobStoreFactory, LocalStoreHasNoPresignedUrls) {
  testing::TempDir dir;
  auto store = BlobStore::open({.backend = "local", .root = dir.path().string()});
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->signed_get_url("k", std::chrono::seconds(60)).error().code,
            ErrorCode::kNotSupported);
}

TEST(BlobStoreFactory, UnknownBackendOrMissingRootIsInvalid) {
  EXPECT_EQ(BlobStore::open({.backend = "ftp", .root = "/tmp"}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(BlobStore::open({.backend = "local"}).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sp::blob
