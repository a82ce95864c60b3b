// blob.backend = "s3" on the real binary: an upload is stored in, processed from and served out
// of the s3rver of the `s3` ctest fixture (which verifies SigV4): the variant's bytes at
// /media/v/... are the object in the bucket, nothing lands in the local blob directory, and a
// wrong secret fails the upload with a problem instead of storing anything.
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <filesystem>
#include <random>
#include <thread>

#include "png_fixture.hpp"
#include "server_process.hpp"
#include "strangeprompt/blob/blob_store.hpp"
#include "strangeprompt/blob/testing/s3.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {
namespace {

namespace json = boost::json;
using namespace std::string_literals;

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
  auto up = call(server, http::Method::kPost, "/v1/media/uploads", gradient_png(300, 200, 0x30),
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
  auto up = call(server, http::Method::kPost, "/v1/media/uploads", gradient_png(64, 64, 0x30),
                 {{"authorization", bearer}, {"content-type", "image/png"}});
  EXPECT_EQ(up.status, 500) << up.body;  // the deployment's fault, not the caller's
  EXPECT_EQ(up.header("content-type"), "application/problem+json");
  EXPECT_TRUE(local_blobs_empty());
  EXPECT_NE(server.log().find("SignatureDoesNotMatch"), std::string::npos) << server.log();
}

// /readyz checks the bucket (media.blob, one HEAD): 200 while s3rver answers, 503 naming the
// check when the endpoint is unreachable (a port nobody listens on), while /healthz stays 200.
TEST_F(MediaOnS3, ReadyzChecksTheBucket) {
  ServerProcessOptions up = options(s3_.secret_access_key);
  up.args = {"serve", "--target=media"};
  ServerProcess server(up);
  ASSERT_TRUE(server.started()) << server.log();
  auto ready = call(server, http::Method::kGet, "/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_NE(ready.body.find(R"("media.blob":"ok")"), std::string::npos) << ready.body;

  ServerProcessOptions down = options(s3_.secret_access_key);
  down.args = {"serve", "--target=media"};
  down.env["STRANGEPROMPT_BLOB__S3__ENDPOINT"] = "http://127.0.0.1:1";  // nothing listens there
  ServerProcess cut_off(down);
  ASSERT_TRUE(cut_off.started()) << cut_off.log();
  const auto asked = std::chrono::steady_clock::now();
  auto failing = call(cut_off, http::Method::kGet, "/readyz");
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(3));  // bounded probe
  EXPECT_EQ(failing.status, 503) << failing.body;
  EXPECT_NE(failing.body.find(R"("media.blob":"failing")"), std::string::npos) << failing.body;
  EXPECT_NE(failing.body.find(R"("media.database":"ok")"), std::string::npos) << failing.body;
  EXPECT_EQ(call(cut_off, http::Method::kGet, "/healthz").status, 200);
}

}  // namespace
}  // namespace sp::testing
