// blob.backend = "s3" on the real binary: an upload is stored in, processed from and served out
// of the s3rver of the `s3` ctest fixture (which verifies SigV4): the variant's bytes at
// /media/v/... are the object in the bucket, nothing lands in the local blob directory, and a
// wrong secret fails the upload with a problem instead of storing anything.
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <filesystem>
#include <random>
#include <thread>

#include "server_process.hpp"
#include "strangeprompt/blob/blob_store.hpp"
#include "strangeprompt/blob/testing/s3.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {
namespace {

namespace json = boost::json;
using namespace std::string_literals;

uint32_t crc32(std::string_view bytes) {
  uint32_t crc = 0xffffffffu;
  for (unsigned char b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

std::string png_chunk(std::string_view type, std::string_view data) {
  std::string body = std::string(type) + std::string(data);
  return be32(static_cast<uint32_t>(data.size())) + body + be32(crc32(body));
}

// A real RGB PNG (a gradient): zlib with stored deflate blocks, so no image library is needed.
std::string gradient_png(uint32_t width, uint32_t height) {
  std::string raw;
  for (uint32_t y = 0; y < height; ++y) {
    raw.push_back('\0');
    for (uint32_t x = 0; x < width; ++x) {
      raw += {static_cast<char>(x * 255 / width), static_cast<char>(y * 255 / height), '\x30'};
    }
  }
  std::string z = "\x78\x01"s;
  for (std::size_t at = 0; at < raw.size(); at += 65535) {
    const auto n = static_cast<uint16_t>(std::min<std::size_t>(65535, raw.size() - at));
    z.push_back(at + n >= raw.size() ? '\x01' : '\x00');
    z += {static_cast<char>(n & 0xff), static_cast<char>(n >> 8), static_cast<char>(~n & 0xff),
          static_cast<char>((~n >> 8) & 0xff)};
    z.append(raw, at, n);
  }
  uint32_t a = 1, b = 0;
  for (unsigned char c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  z += be32((b << 16) | a);
  return "\x89PNG\r\n\x1a\n"s + png_chunk("IHDR", be32(width) + be32(height) + "\x08\x02\0\0\0"s) +
         png_chunk("IDAT", z) + png_chunk("IEND", "");
}

std::string suffix() {
  static std::mt19937_64 rng(std::random_device{}());
  return std::to_string(rng() % 1'000'000'000);
}

class MediaOnS3 : public ::testing::Test {
 protected:
  void SetUp() override {
    auto endpoint = blob::testing::s3_endpoint_for_tests();
    if (!endpoint) GTEST_SKIP() << "no S3 test server (SP_TEST_S3_ENDPOINT_FILE is unset)";
    s3_ = blob::testing::s3_options_for_tests(*endpoint);
  }
  ServerProcessOptions options(const std::string& secret) const {
    ServerProcessOptions o;
    o.env["STRANGEPROMPT_AUTH__ARGON2_MEMORY_KIB"] = "19456";
    o.env["STRANGEPROMPT_MEDIA__BLOB_ROOT"] = (local_.path() / "blobs").string();
    o.env["STRANGEPROMPT_BLOB__BACKEND"] = "s3";
    o.env["STRANGEPROMPT_BLOB__S3__ENDPOINT"] = s3_.endpoint;
    o.env["STRANGEPROMPT_BLOB__S3__BUCKET"] = s3_.bucket;
    o.env["STRANGEPROMPT_BLOB__S3__ACCESS_KEY_ID"] = s3_.access_key_id;
    o.env["STRANGEPROMPT_BLOB__S3__SECRET_ACCESS_KEY"] = secret;
    o.env["STRANGEPROMPT_BLOB__S3__KEY_PREFIX"] = s3_.key_prefix;
    o.env["STRANGEPROMPT_BLOB__S3__MAX_ATTEMPTS"] = "2";
    return o;
  }
  http::ClientResponse call(const ServerProcess& server, http::Method method,
                            const std::string& path, std::string body = {},
                            http::Headers headers = {}) {
    auto r = client_->send({method, server.base_url() + path, std::move(headers), std::move(body)});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(*r) : http::ClientResponse{};
  }
  std::string sign_up(const ServerProcess& server) {
    const std::string h = "s3_" + suffix();
    auto r = call(server, http::Method::kPost, "/v1/auth/signup",
                  R"({"email":")" + h + R"(@example.com","handle":")" + h +
                      R"(","password":"violet-harbor-lantern-42"})",
                  {{"content-type", "application/json"}});
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {};
    return "Bearer " + std::string(json::parse(r.body).at("accessToken").as_string());
  }
  bool local_blobs_empty() const {
    std::error_code ec;
    const auto dir = local_.path() / "blobs";
    if (!std::filesystem::exists(dir, ec)) return true;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
      if (e.is_regular_file()) return false;
    }
    return true;
  }

  blob::S3Options s3_;
  TempDir local_;
  std::unique_ptr<http::HttpClient> client_ = http::HttpClient::create();
};

TEST_F(MediaOnS3, UploadIsProcessedAndItsVariantServedFromTheBucket) {
  ServerProcess server(options(s3_.secret_access_key));
  ASSERT_TRUE(server.started()) << server.log();
  const std::string bearer = sign_up(server);
  auto up = call(server, http::Method::kPost, "/v1/media/uploads", gradient_png(300, 200),
                 {{"authorization", bearer}, {"content-type", "image/png"}});
  ASSERT_EQ(up.status, 202) << up.body;
  const std::string id(json::parse(up.body).at("id").as_string());

  json::object media;
  ASSERT_TRUE(eventually([&] {
    auto r = call(server, http::Method::kGet, "/v1/media/" + id, {}, {{"authorization", bearer}});
    if (r.status != 200) return false;
    media = json::parse(r.body).as_object();
    const std::string status(media.at("status").as_string());
    return status != "pending" && status != "processing";
  })) << server.log();
  ASSERT_EQ(media.at("status").as_string(), "ready") << json::serialize(media);
  const auto& variant = media.at("variants").as_array().at(0).as_object();
  const std::string url(variant.at("url").as_string());
  ASSERT_EQ(url.rfind("/media/v/", 0), 0u) << url;

  auto served = call(server, http::Method::kGet, url);
  ASSERT_EQ(served.status, 200) << served.body;
  EXPECT_EQ(served.header("content-type"), "image/webp");

  // The same bytes are the object in the bucket; nothing was written to the local directory.
  blob::BlobStoreOptions direct{.backend = "s3"};
  direct.s3 = s3_;
  auto bucket = blob::BlobStore::open(direct);
  ASSERT_TRUE(bucket.ok());
  const std::string key =
      "media/variants/" + id + "/" + std::to_string(variant.at("width").as_int64()) + ".webp";
  auto stored = (*bucket)->get_bytes(key);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_TRUE(*stored == served.body);
  EXPECT_TRUE((*bucket)->stat("media/originals/" + id).ok());
  EXPECT_TRUE(local_blobs_empty());

  // Served from the bucket, not from a copy: once the object is gone, so is the variant.
  ASSERT_TRUE((*bucket)->remove(key).ok());
  auto gone = call(server, http::Method::kGet, url);
  EXPECT_EQ(gone.status, 404) << gone.body;
}

TEST_F(MediaOnS3, AWrongSecretFailsTheUploadAndStoresNothing) {
  ServerProcess server(options("not-the-secret"));
  ASSERT_TRUE(server.started()) << server.log();
  const std::string bearer = sign_up(server);
  auto up = call(server, http::Method::kPost, "/v1/media/uploads", gradient_png(64, 64),
                 {{"authorization", bearer}, {"content-type", "image/png"}});
  EXPECT_EQ(up.status, 500) << up.body;  // the deployment's fault, not the caller's
  EXPECT_EQ(up.header("content-type"), "application/problem+json");
  EXPECT_TRUE(local_blobs_empty());
  EXPECT_NE(server.log().find("SignatureDoesNotMatch"), std::string::npos) << server.log();
}

}  // namespace
}  // namespace sp::testing
