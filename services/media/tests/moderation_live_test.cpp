// The HTTP moderation adapter against a live provider: a packages/http server on loopback (real
// sockets) that answers like the configured media.moderation_url. An image is rejected, sent to
// review or approved per its answer; a 5xx, a body outside the contract and a timeout count as no
// answer (fail-closed: needs_review; fail-open: approved), as logic/moderation.hpp documents.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "logic/moderation.hpp"
#include "pipeline/image_pipeline.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/server.hpp"
#include "strangeprompt/security/encoding.hpp"

namespace sp::media {
namespace {

using namespace std::chrono_literals;

// The fake provider: answers the next request with `status` and `body`; with `hold` it waits
// (on a condition, not a sleep) until the test releases it, past the adapter's timeout.
class FakeProvider {
 public:
  FakeProvider() {
    http::RouteOptions options;
    options.max_body_bytes = 8 << 20;
    router_.add(
        http::Method::kPost, "/moderate",
        [this](http::Request& r) {
          std::unique_lock lock(mu_);
          ++calls_;
          last_body_ = r.body;
          last_type_ = std::string(r.header("content-type"));
          cv_.wait(lock, [this] { return !hold_; });
          return http::Response::json(status_, body_);
        },
        options);
    http::ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.io_threads = 1;
    o.worker_threads = 2;
    o.access_log = false;
    o.handler_timeout = 10s;
    o.drain_timeout = 2s;
    o.service = "fake-moderation";
    auto created = http::Server::create(o, router_, nullptr, nullptr);
    if (!created.ok() || !(*created)->start().ok()) throw std::runtime_error("fake provider");
    server_ = std::move(*created);
  }
  ~FakeProvider() {
    release();
    server_->stop();
  }
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + "/moderate";
  }
  void answer(int status, std::string body) {
    std::lock_guard lock(mu_);
    status_ = status;
    body_ = std::move(body);
  }
  void hold() {
    std::lock_guard lock(mu_);
    hold_ = true;
  }
  void release() {
    std::lock_guard lock(mu_);
    hold_ = false;
    cv_.notify_all();
  }
  int calls() {
    std::lock_guard lock(mu_);
    return calls_;
  }
  std::string last_body() {
    std::lock_guard lock(mu_);
    return last_body_;
  }
  std::string last_type() {
    std::lock_guard lock(mu_);
    return last_type_;
  }

 private:
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::mutex mu_;
  std::condition_variable cv_;
  int status_ = 200;
  std::string body_ = R"({"outcome":"approved"})";
  bool hold_ = false;
  int calls_ = 0;
  std::string last_body_;
  std::string last_type_;
};

class ModerationLiveTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto png = synthesize_image(900, 600, "png");
    ASSERT_TRUE(png.ok());
    auto processed = process_image(*png);
    ASSERT_TRUE(processed.ok());
    image_ = new ProcessedImage(std::move(*processed));
  }
  static void TearDownTestSuite() {
    delete image_;
    image_ = nullptr;
  }
  ModerationVerdict moderate_with(bool fail_open, std::chrono::milliseconds timeout = 2000ms) {
    MediaRecord media;
    media.id = 4242;
    media.owner_id = 77;
    ModerationPolicy policy;
    policy.fail_open = fail_open;
    return moderate(policy, http_moderation_provider(provider.url(), timeout), media, *image_);
  }

  static ProcessedImage* image_;
  FakeProvider provider;
};
ProcessedImage* ModerationLiveTest::image_ = nullptr;

TEST_F(ModerationLiveTest, TheProviderSeesTheContractsRequest) {
  provider.answer(200, R"({"outcome":"approved"})");
  EXPECT_EQ(moderate_with(false).outcome, kOutcomeApproved);
  ASSERT_EQ(provider.calls(), 1);
  EXPECT_EQ(provider.last_type(), "application/json");
  auto sent = boost::json::parse(provider.last_body()).as_object();
  EXPECT_EQ(sent.at("mediaId").as_string(), "4242");
  EXPECT_EQ(sent.at("ownerId").as_string(), "77");
  EXPECT_EQ(sent.at("width").as_int64(), 900);
  EXPECT_EQ(sent.at("height").as_int64(), 600);
  EXPECT_EQ(sent.at("format").as_string(), "webp");
  auto image = security::base64url_decode(std::string(sent.at("image").as_string()));
  ASSERT_TRUE(image.has_value());
  auto header = read_image_header(*image);  // the 512-px WebP variant, decodable
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->width, 512);
  EXPECT_EQ(header->loader, "VipsForeignLoadWebpBuffer");
}

TEST_F(ModerationLiveTest, TheVerdictFollowsTheProvidersAnswer) {
  provider.answer(200, R"({"outcome":"rejected","reason":"graphic violence"})");
  ModerationVerdict rejected = moderate_with(false);
  EXPECT_EQ(rejected.outcome, kOutcomeRejected);
  EXPECT_EQ(rejected.reason, "graphic violence");

  provider.answer(200, R"({"outcome":"needs_review","reason":"borderline"})");
  ModerationVerdict flagged = moderate_with(true);  // fail-open does not override an answer
  EXPECT_EQ(flagged.outcome, kOutcomeNeedsReview);
  EXPECT_EQ(flagged.reason, "borderline");

  provider.answer(201, R"({"outcome":"approved"})");  // any 2xx
  ModerationVerdict approved = moderate_with(false);
  EXPECT_EQ(approved.outcome, kOutcomeApproved);
  EXPECT_FALSE(approved.reason.has_value());
  EXPECT_EQ(provider.calls(), 3);
}

TEST_F(ModerationLiveTest, A5xxOrAnOffContractBodyIsNoAnswer) {
  for (auto [status, body] :
       std::vector<std::pair<int, std::string>>{{500, R"({"outcome":"approved"})"},
                                                {503, R"({"error":"down"})"},
                                                {200, R"({"outcome":"maybe"})"},
                                                {200, R"("approved")"},
                                                {404, R"({"outcome":"rejected"})"}}) {
    provider.answer(status, body);
    ModerationVerdict closed = moderate_with(false);
    EXPECT_EQ(closed.outcome, kOutcomeNeedsReview) << status << " " << body;
    EXPECT_EQ(closed.reason, "the moderation provider did not answer");
    EXPECT_EQ(moderate_with(true).outcome, kOutcomeApproved) << status << " " << body;
  }
}

TEST_F(ModerationLiveTest, ATimeoutIsNoAnswerAndDoesNotWaitForTheProvider) {
  provider.answer(200, R"({"outcome":"rejected"})");
  provider.hold();  // the provider answers only after the test releases it
  auto started = std::chrono::steady_clock::now();
  ModerationVerdict closed = moderate_with(false, 300ms);
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(closed.outcome, kOutcomeNeedsReview);
  EXPECT_EQ(closed.reason, "the moderation provider did not answer");
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 2500ms);  // the adapter's timeout, not the provider, decided
  EXPECT_EQ(moderate_with(true, 300ms).outcome, kOutcomeApproved);
  provider.release();
  EXPECT_EQ(moderate_with(false, 2000ms).outcome, kOutcomeRejected);  // answering again
}

TEST_F(ModerationLiveTest, NobodyListeningIsNoAnswer) {
  MediaRecord media;
  media.id = 1;
  ModerationPolicy policy;
  // Loopback port 1: nothing listens there (connection refused).
  auto provider_down = http_moderation_provider("http://127.0.0.1:1/moderate", 500ms);
  EXPECT_EQ(moderate(policy, provider_down, media, *image_).outcome, kOutcomeNeedsReview);
  policy.fail_open = true;
  EXPECT_EQ(moderate(policy, provider_down, media, *image_).outcome, kOutcomeApproved);
}

}  // namespace
}  // namespace sp::media
