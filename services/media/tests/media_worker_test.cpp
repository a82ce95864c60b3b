// The durable queue and its worker against the real store (SQLite and PostgreSQL), a local blob
// store and an injected clock: ready with variants, lease expiry after a crash, retries with
// backoff then failed, rejected with the reason, near-duplicates across owners.
#include <gtest/gtest.h>

#include <filesystem>

#include <fstream>
#include <sstream>

#include "logic/media_events.hpp"
#include "logic/media_library.hpp"
#include "logic/media_worker.hpp"
#include "pipeline/image_pipeline.hpp"
#include "strangeprompt/blob/blob_store.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/db/testing/scratch_database.hpp"
#include "strangeprompt/events/json_schema.hpp"

namespace sp::media {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

class MediaWorkerTest : public ::testing::TestWithParam<std::string> {
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
    queue_ = std::make_unique<JobQueue>(scratch_->db());
    library_ = std::make_unique<MediaLibrary>(*store_, *blobs_, ids_, clock_);
  }
  static Result<ProcessedImage> webp_only(const MediaWorker::Original& original) {
    return original.bytes.empty() ? process_image_file(original.path)
                                  : process_image(original.bytes);
  }
  MediaWorker worker(MediaWorker::Pipeline pipeline = webp_only) {
    return MediaWorker(*store_, *queue_, *blobs_, clock_, policy_, std::move(pipeline));
  }
  int64_t upload(int64_t owner, int w = 600, int h = 400, std::string_view format = "png",
                 bool mirrored = false) {
    auto bytes = synthesize_image(w, h, format, mirrored);
    EXPECT_TRUE(bytes.ok());
    auto up = library_->upload(owner, *bytes);
    EXPECT_TRUE(up.ok()) << up.error().message;
    return up.ok() ? up->media.id : 0;
  }
  MediaRecord media(int64_t owner, int64_t id) { return library_->get(owner, id).value().media; }
  // The outbox's payloads of `topic`, oldest first.
  std::vector<std::string> outbox(std::string_view topic) {
    auto rows = scratch_->db().query("SELECT payload FROM event_outbox WHERE topic = ? ORDER BY id",
                                     {std::string(topic)});
    std::vector<std::string> out;
    if (rows.ok()) {
      for (const auto& r : *rows) out.push_back(r.get_text(0));
    }
    return out;
  }
  static void expect_valid(const std::string& payload) {
    std::ifstream in(std::string(SP_EVENT_SCHEMAS_DIR) + "/media.processed.v1.json");
    std::stringstream schema;
    schema << in.rdbuf();
    ASSERT_FALSE(schema.str().empty());
    auto violations = events::schema_violations(schema.str(), payload);
    ASSERT_TRUE(violations.ok()) << violations.error().message;
    EXPECT_TRUE(violations->empty()) << payload << "\n" << (*violations)[0];
  }

  sp::testing::TempDir dir_{"media-worker"};
  ManualClock clock_;
  IdGenerator ids_{clock_};
  WorkerPolicy policy_{.lease = minutes(5),
                       .max_attempts = 3,
                       .backoff_base = seconds(2),
                       .backoff_cap = minutes(1)};
  std::unique_ptr<db::testing::ScratchDatabase> scratch_;
  std::unique_ptr<blob::BlobStore> blobs_;
  std::unique_ptr<MediaStore> store_;
  std::unique_ptr<JobQueue> queue_;
  std::unique_ptr<MediaLibrary> library_;
};

TEST_P(MediaWorkerTest, JobMakesTheMediaReadyWithStoredVariants) {
  int64_t id = upload(7);
  auto w = worker();
  EXPECT_EQ(w.run_once().value(), JobOutcome::kReady);
  EXPECT_EQ(w.run_once().value(), JobOutcome::kIdle);
  MediaRecord m = media(7, id);
  EXPECT_EQ(m.status, "ready");
  EXPECT_EQ(m.width, 600);
  EXPECT_EQ(m.height, 400);
  ASSERT_TRUE(m.variants_json && m.blurhash && m.dominant_color && m.phash);
  EXPECT_NE(m.variants_json->find("\"/media/v/" + std::to_string(id) + "/" +
                                  m.sha256.substr(0, 16) + "/512.webp\""),
            std::string::npos)
      << *m.variants_json;
  EXPECT_TRUE(blobs_->stat(variant_key(id, 256, "webp")).ok());
  EXPECT_TRUE(blobs_->stat(variant_key(id, 512, "webp")).ok());
  EXPECT_EQ(queue_->depth().value(), 0);

  auto events = outbox("media.processed");
  ASSERT_EQ(events.size(), 1u);
  expect_valid(events[0]);
  EXPECT_NE(events[0].find("\"status\":\"ready\""), std::string::npos) << events[0];
  EXPECT_NE(events[0].find("\"contentType\":\"image/webp\""), std::string::npos);
  EXPECT_NE(events[0].find("\"dominantColor\":\"" + *m.dominant_color + "\""), std::string::npos)
      << events[0];
  EXPECT_NE(events[0].find("\"moderation\":\"approved\""), std::string::npos) << events[0];
}

// A PNG chunk (length, type, data, CRC-32) for inserting text chunks into a generated PNG.
std::string png_chunk(std::string_view type, std::string_view data) {
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  std::string typed = std::string(type) + std::string(data);
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : typed) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return be32(static_cast<uint32_t>(data.size())) + typed + be32(crc ^ 0xFFFFFFFFu);
}

TEST_P(MediaWorkerTest, TheWorkerReadsTheGenerationMetadataFromTheOriginal) {
  auto png = synthesize_image(300, 200, "png");
  ASSERT_TRUE(png.ok());
  const std::string text = std::string("parameters") + '\0' +
                           "a lighthouse at dusk\nNegative prompt: blurry\nSteps: 20, Sampler: "
                           "Euler a, CFG scale: 7, Seed: 42, Size: 300x200, Model: dreamy";
  std::string with_text = png->substr(0, 33) + png_chunk("tEXt", text) + png->substr(33);
  auto up = library_->upload(7, with_text);
  ASSERT_TRUE(up.ok()) << up.error().message;
  EXPECT_TRUE(media(7, up->media.id).metadata_json.empty());  // not read at upload
  auto w = worker();
  EXPECT_EQ(w.run_once().value(), JobOutcome::kReady);
  MediaRecord m = media(7, up->media.id);
  EXPECT_NE(m.metadata_json.find("a lighthouse at dusk"), std::string::npos) << m.metadata_json;
  EXPECT_NE(m.metadata_json.find("\"seed\":42"), std::string::npos) << m.metadata_json;
}

TEST_P(MediaWorkerTest, AvifVariantsAreStoredServedAndAnnounced) {
  if (!avif_encoding_works()) GTEST_SKIP() << "this libvips cannot encode AVIF";
  int64_t id = upload(7, 600, 400);
  auto w = worker([](const MediaWorker::Original& original) {
    return process_image(original.bytes, EncodeOptions{.avif = true});
  });
  EXPECT_EQ(w.run_once().value(), JobOutcome::kReady);
  MediaRecord m = media(7, id);
  ASSERT_TRUE(m.variants_json);
  const std::string tag = m.sha256.substr(0, 16);
  for (int width : {256, 512, 600}) {
    EXPECT_TRUE(blobs_->stat(variant_key(id, width, "avif")).ok()) << width;
    auto served = library_->variant(id, tag, std::to_string(width) + ".avif");
    ASSERT_TRUE(served.ok()) << width;
    EXPECT_EQ(served->content_type, "image/avif");
    EXPECT_EQ(library_->variant(id, tag, std::to_string(width) + ".webp")->content_type,
              "image/webp");
  }
  EXPECT_FALSE(library_->variant(id, tag, "1024.avif").ok());  // never upscaled
  EXPECT_FALSE(library_->variant(id, tag, "256.png").ok());
  auto events = outbox("media.processed");
  ASSERT_EQ(events.size(), 1u);
  expect_valid(events[0]);
  EXPECT_NE(events[0].find("\"name\":\"w600-avif\""), std::string::npos) << events[0];
  EXPECT_NE(events[0].find("\"contentType\":\"image/avif\""), std::string::npos);
  EXPECT_NE(events[0].find("\"name\":\"w600\""), std::string::npos);
  // user.deleted removes the AVIF files too.
  ASSERT_EQ(library_->remove_user(7).value(), 1);
  for (int width : {256, 512, 600}) {
    EXPECT_FALSE(blobs_->stat(variant_key(id, width, "avif")).ok()) << width;
    EXPECT_FALSE(blobs_->stat(variant_key(id, width, "webp")).ok()) << width;
  }
}

TEST_P(MediaWorkerTest, AJobLeftByACrashedWorkerResumesAfterItsLeaseExpires) {
  int64_t id = upload(7);
  // A worker claimed the job and died before finishing it.
  auto crashed = queue_->claim(clock_.now_ms(), clock_.now_ms() + milliseconds(minutes(5)).count());
  ASSERT_TRUE(crashed.ok() && crashed->has_value());
  EXPECT_EQ(media(7, id).status, "processing");
  auto w = worker();
  EXPECT_EQ(w.run_once().value(), JobOutcome::kIdle);  // the lease still holds
  clock_.advance(minutes(5) + milliseconds(1));
  EXPECT_EQ(w.run_once().value(), JobOutcome::kReady);
  EXPECT_EQ(media(7, id).status, "ready");
}

TEST_P(MediaWorkerTest, TransientFailuresRetryWithBackoffThenFailWithAReason) {
  int64_t id = upload(7);
  int calls = 0;
  auto w = worker([&](const MediaWorker::Original&) -> Result<ProcessedImage> {
    ++calls;
    return Error::internal_error("disk hiccup");
  });
  EXPECT_EQ(w.run_once().value(), JobOutcome::kRetried);
  EXPECT_EQ(media(7, id).status, "processing");
  clock_.advance(policy_.backoff_cap + milliseconds(1));
  EXPECT_EQ(w.run_once().value(), JobOutcome::kRetried);
  EXPECT_EQ(w.run_once().value(), JobOutcome::kIdle);  // waiting out the backoff
  clock_.advance(policy_.backoff_cap + milliseconds(1));
  EXPECT_EQ(w.run_once().value(), JobOutcome::kFailed);
  EXPECT_EQ(calls, 3);
  MediaRecord m = media(7, id);
  EXPECT_EQ(m.status, "failed");
  EXPECT_EQ(m.reason, "processing failed after several attempts");
  EXPECT_EQ(queue_->depth().value(), 0);
}

// JPEG (and AVIF) originals are decoded from their file in the blob store, PNG (and WebP) from
// the bytes the worker read for the metadata parsers anyway; both end ready alike.
TEST_P(MediaWorkerTest, JpegIsDecodedFromItsFilePngFromItsBytes) {
  EXPECT_TRUE(decode_from_file("jpeg"));
  EXPECT_TRUE(decode_from_file("avif"));
  EXPECT_FALSE(decode_from_file("png"));
  EXPECT_FALSE(decode_from_file("webp"));
  std::vector<std::pair<bool, bool>> seen;  // (bytes handed over, the file exists)
  auto w = worker([&](const MediaWorker::Original& original) {
    seen.emplace_back(!original.bytes.empty(), std::filesystem::is_regular_file(original.path));
    return webp_only(original);
  });
  const int64_t jpeg = upload(7, 640, 480, "jpeg");
  EXPECT_EQ(w.run_once().value(), JobOutcome::kReady);
  const int64_t png = upload(7, 640, 480, "png");
  EXPECT_EQ(w.run_once().value(), JobOutcome::kReady);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], std::make_pair(false, true));  // the JPEG: its file only
  EXPECT_EQ(seen[1], std::make_pair(true, true));   // the PNG: its bytes
  EXPECT_EQ(media(7, jpeg).width, 640);
  EXPECT_EQ(media(7, png).status, "ready");
}

TEST_P(MediaWorkerTest, ARefusedFileIsRejectedAtOnceWithItsReason) {
  int64_t id = upload(7);
  auto w = worker([](const MediaWorker::Original&) -> Result<ProcessedImage> {
    return Error(ErrorCode::kUnprocessable, "the image is 60000x60000 pixels");
  });
  EXPECT_EQ(w.run_once().value(), JobOutcome::kRejected);
  MediaRecord m = media(7, id);
  EXPECT_EQ(m.status, "rejected");
  EXPECT_EQ(m.reason, "the image is 60000x60000 pixels");
  auto events = outbox("media.processed");
  ASSERT_EQ(events.size(), 1u);
  expect_valid(events[0]);
  EXPECT_NE(events[0].find("\"failureReason\":\"the image is 60000x60000 pixels\""),
            std::string::npos);
}

TEST_P(MediaWorkerTest, UserDeletedRemovesTheirMediaAndBlobsOnly) {
  int64_t mine = upload(7);
  int64_t tiny = upload(7, 100, 80, "jpeg");  // one variant named by its own width
  int64_t theirs = upload(8, 640, 480, "png");
  auto w = worker();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(w.run_once().value(), JobOutcome::kReady);
  const std::string original = media(7, mine).blob_key;
  events::Envelope deleted{.id = "e1",
                           .type = "user.deleted",
                           .version = 1,
                           .occurred_at_ms = clock_.now_ms(),
                           .key = "7",
                           .data_json = R"({"userId":"7","deletedAt":"2026-12-02T10:00:00Z"})"};
  auto user = deleted_user_id(deleted.to_json().value());
  ASSERT_TRUE(user.ok()) << user.error().message;
  EXPECT_EQ(library_->remove_user(*user).value(), 2);
  EXPECT_EQ(library_->remove_user(*user).value(), 0);  // a redelivery changes nothing
  EXPECT_EQ(library_->get(7, mine).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(library_->get(7, tiny).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(blobs_->stat(original).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(blobs_->stat(variant_key(mine, 256, "webp")).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(blobs_->stat(variant_key(tiny, 100, "webp")).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(library_->get(8, theirs).ok());
  EXPECT_TRUE(blobs_->stat(variant_key(theirs, 512, "webp")).ok());
}

TEST_P(MediaWorkerTest, NeedsReviewWaitsInTheAdminQueueUntilReviewed) {
  int64_t first = upload(7);
  int64_t second = upload(8, 640, 480, "jpeg");
  auto w = MediaWorker(*store_, *queue_, *blobs_, clock_, policy_, webp_only, nullptr,
                       [](const MediaRecord&, const ProcessedImage&) {
                         return ModerationVerdict{"needs_review", "the provider is unsure"};
                       });
  for (int i = 0; i < 2; ++i) EXPECT_EQ(w.run_once().value(), JobOutcome::kReady);
  auto events = outbox("media.processed");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_NE(events[0].find("\"moderation\":\"needs_review\""), std::string::npos) << events[0];
  auto queue = library_->awaiting_review(0, 10).value();
  ASSERT_EQ(queue.size(), 2u);
  EXPECT_EQ(queue[0].id, first);
  EXPECT_EQ(library_->awaiting_review(first, 10).value().size(), 1u);  // the page after `first`
  auto reviewed = library_->review(first, "approved", std::nullopt);
  ASSERT_TRUE(reviewed.ok());
  EXPECT_EQ(reviewed->media.moderation_outcome, "approved");
  // The verdict reaches consumers as a new media.processed (its own event id) in the same commit.
  events = outbox("media.processed");
  ASSERT_EQ(events.size(), 3u);
  expect_valid(events[2]);
  EXPECT_NE(events[2].find("\"moderation\":\"approved\""), std::string::npos) << events[2];
  EXPECT_NE(events[2].find(".reviewed."), std::string::npos) << events[2];
  queue = library_->awaiting_review(0, 10).value();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].id, second);
  EXPECT_EQ(library_->review(second + 1000, "rejected", "x").error().code, ErrorCode::kNotFound);
}

TEST(MediaEvents, UserDeletedPayloadsOtherThanV1WithAnIdAreRefused) {
  for (std::string data : {R"({})", R"({"userId":7})", R"({"userId":"x"})"}) {
    events::Envelope e{.id = "e",
                       .type = "user.deleted",
                       .version = 1,
                       .occurred_at_ms = 1,
                       .key = "",
                       .data_json = data};
    EXPECT_FALSE(deleted_user_id(e.to_json().value()).ok()) << data;
  }
  events::Envelope v2{.id = "e",
                      .type = "user.deleted",
                      .version = 2,
                      .occurred_at_ms = 1,
                      .key = "",
                      .data_json = R"({"userId":"7"})"};
  EXPECT_FALSE(deleted_user_id(v2.to_json().value()).ok());
}

TEST_P(MediaWorkerTest, NearDuplicatesAreFoundAcrossOwners) {
  int64_t mine = upload(7, 800, 600, "png");
  int64_t theirs = upload(8, 800, 600, "jpeg");  // the same picture re-encoded by someone else
  int64_t unrelated = upload(9, 800, 600, "png", /*mirrored=*/true);
  auto w = worker();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(w.run_once().value(), JobOutcome::kReady);
  auto view = library_->get(7, mine);
  ASSERT_TRUE(view.ok());
  bool found = false;
  for (const NearDuplicate& d : view->duplicates) {
    EXPECT_NE(d.id, unrelated);
    if (d.id == theirs) found = d.distance <= kNearDuplicateDistance;
  }
  EXPECT_TRUE(found);
}

TEST(RetryDelay, FullJitterUnderTheDoublingCeiling) {
  WorkerPolicy p{.backoff_base = seconds(2), .backoff_cap = seconds(30)};
  std::mt19937_64 rng(42);
  for (int attempt = 1; attempt <= 8; ++attempt) {
    const int64_t ceiling = std::min<int64_t>(30'000, 2'000LL << (attempt - 1));
    for (int i = 0; i < 50; ++i) {
      auto d = retry_delay(p, attempt, rng).count();
      EXPECT_GE(d, 0);
      EXPECT_LE(d, ceiling);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, MediaWorkerTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace sp::media
