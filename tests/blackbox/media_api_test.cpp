// The media API of the real binary over real sockets, on SQLite (embedded) and PostgreSQL:
// upload typing, the per-owner duplicate answer, owner-only reads and the upload size limit.
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <random>

#include "server_process.hpp"
#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {
namespace {

namespace json = boost::json;
using namespace std::string_literals;

const std::string kPng = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR-media-blackbox"s;

std::string unique_suffix() {
  static std::mt19937_64 rng(std::random_device{}());
  return std::to_string(rng() % 1'000'000'000);
}

ServerProcessOptions options_for(const std::string& backend) {
  ServerProcessOptions o;
  o.env["STRANGEPROMPT_AUTH__ARGON2_MEMORY_KIB"] = "19456";
  o.env["STRANGEPROMPT_MEDIA__MAX_UPLOAD_BYTES"] = "65536";
  if (backend == "postgres") {
    auto dsn = db::testing::postgres_dsn_for_tests();
    if (!dsn) return o;
    std::string suffix = unique_suffix();
    o.env["STRANGEPROMPT_DB__BACKEND"] = "postgres";
    o.env["STRANGEPROMPT_DB__POSTGRES_DSN"] = *dsn;
    o.env["STRANGEPROMPT_AUTH__DB__POSTGRES_SCHEMA"] = "bb_auth_" + suffix;
    o.env["STRANGEPROMPT_MEDIA__DB__POSTGRES_SCHEMA"] = "bb_media_" + suffix;
    o.env["STRANGEPROMPT_EVENTS__BACKEND"] = "postgres";
    o.env["STRANGEPROMPT_EVENTS__POSTGRES_SCHEMA"] = "bb_events_" + suffix;
  }
  return o;
}

class MediaApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && !db::testing::postgres_dsn_for_tests()) {
      GTEST_SKIP() << "no PostgreSQL for tests (run through ctest, which starts one)";
    }
    server_ = std::make_unique<ServerProcess>(options_for(GetParam()));
    ASSERT_TRUE(server_->started()) << server_->log();
  }

  http::ClientResponse call(http::Method method, const std::string& path, std::string body = {},
                            http::Headers headers = {}) {
    auto r =
        client_->send({method, server_->base_url() + path, std::move(headers), std::move(body)});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(*r) : http::ClientResponse{};
  }
  // A new account's bearer header value.
  std::string sign_up(const std::string& handle) {
    std::string body = R"({"email":")" + handle + R"(@example.com","handle":")" + handle +
                       R"(","password":"violet-harbor-lantern-42"})";
    auto r =
        call(http::Method::kPost, "/v1/auth/signup", body, {{"content-type", "application/json"}});
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {};
    return "Bearer " + std::string(json::parse(r.body).at("accessToken").as_string());
  }
  http::ClientResponse upload(const std::string& bearer, std::string body,
                              std::string content_type = "image/png") {
    return call(http::Method::kPost, "/v1/media/uploads", std::move(body),
                {{"authorization", bearer}, {"content-type", std::move(content_type)}});
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<http::HttpClient> client_ = http::HttpClient::create();
};

TEST_P(MediaApi, UploadAnswers202PendingAndTheOwnerReadsIt) {
  std::string ann = sign_up("ann_" + unique_suffix());
  auto up = upload(ann, kPng);
  ASSERT_EQ(up.status, 202) << up.body;
  auto accepted = json::parse(up.body).as_object();
  EXPECT_EQ(accepted.at("status").as_string(), "pending");
  std::string id(accepted.at("id").as_string());

  auto got = call(http::Method::kGet, "/v1/media/" + id, {}, {{"authorization", ann}});
  ASSERT_EQ(got.status, 200) << got.body;
  auto media = json::parse(got.body).as_object();
  EXPECT_EQ(media.at("id").as_string(), id);
  EXPECT_EQ(media.at("status").as_string(), "pending");
  EXPECT_EQ(media.at("metadata").as_object().at("tool").as_string(), "unknown");
  EXPECT_TRUE(media.at("variants").as_array().empty());
  EXPECT_TRUE(media.contains("duplicates") && media.contains("moderation"));
}

TEST_P(MediaApi, SameBytesAgainAnswerTheSameMedia) {
  std::string ann = sign_up("ann_" + unique_suffix());
  auto first = upload(ann, kPng);
  auto again = upload(ann, kPng, "application/octet-stream");
  ASSERT_EQ(first.status, 202);
  ASSERT_EQ(again.status, 202);
  EXPECT_EQ(json::parse(again.body).at("id"), json::parse(first.body).at("id"));
}

TEST_P(MediaApi, OthersGet404ForSomeonesMedia) {
  std::string ann = sign_up("ann_" + unique_suffix());
  std::string bob = sign_up("bob_" + unique_suffix());
  auto up = upload(ann, kPng);
  ASSERT_EQ(up.status, 202);
  std::string id(json::parse(up.body).at("id").as_string());
  EXPECT_EQ(call(http::Method::kGet, "/v1/media/" + id, {}, {{"authorization", bob}}).status, 404);
  EXPECT_EQ(call(http::Method::kGet, "/v1/media/" + id).status, 401);
}

TEST_P(MediaApi, TypeComesFromTheBytesNotTheHeader) {
  std::string ann = sign_up("ann_" + unique_suffix());
  auto svg = upload(ann, "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>");
  EXPECT_EQ(svg.status, 415);
  EXPECT_NE(svg.body.find("SVG"), std::string::npos) << svg.body;
  auto pdf = upload(ann, "%PDF-1.7\n", "image/jpeg");
  EXPECT_EQ(pdf.status, 415);
  EXPECT_EQ(upload(ann, kPng, "text/html").status, 415);
}

TEST_P(MediaApi, MultipartFilePartIsTheUpload) {
  std::string ann = sign_up("ann_" + unique_suffix());
  std::string body =
      "--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\n"
      "Content-Type: image/png\r\n\r\n" +
      kPng + "\r\n--zz--\r\n";
  auto up = upload(ann, body, "multipart/form-data; boundary=zz");
  ASSERT_EQ(up.status, 202) << up.body;
  // The same file sent raw is the same media: the part's bytes were taken exactly.
  EXPECT_EQ(json::parse(upload(ann, kPng).body).at("id"), json::parse(up.body).at("id"));
}

TEST_P(MediaApi, BodiesOverTheConfiguredLimitAre413) {
  std::string ann = sign_up("ann_" + unique_suffix());
  EXPECT_EQ(upload(ann, kPng + std::string(70'000, 'x')).status, 413);
}

INSTANTIATE_TEST_SUITE_P(Backends, MediaApi, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace sp::testing
