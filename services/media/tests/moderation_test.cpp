// The moderation stage: built-in checks, the provider's verdict, fail-open and fail-closed, and
// the provider contract's request and answer.
#include <gtest/gtest.h>

#include "logic/moderation.hpp"

namespace sp::media {
namespace {

ProcessedImage image(int w, int h, uint64_t phash) {
  ProcessedImage p;
  p.width = w;
  p.height = h;
  p.phash = phash;
  p.variants = {
      {256, 100, "webp", "tiny"}, {512, 200, "webp", "small"}, {1024, 400, "webp", "big"}};
  return p;
}

MediaRecord media() {
  MediaRecord m;
  m.id = 42;
  m.owner_id = 7;
  return m;
}

ModerationProvider answering(Result<ModerationVerdict> answer, int* calls = nullptr) {
  return [answer, calls](const MediaRecord&, const ProcessedImage&) {
    if (calls != nullptr) ++*calls;
    return answer;
  };
}

TEST(Moderation, ABlocklistedHashIsRejectedWithoutAskingTheProvider) {
  ModerationPolicy policy{.blocklist = {0xff00ff00ff00ff00ULL}};
  int calls = 0;
  auto v = moderate(policy, answering(ModerationVerdict{"approved", {}}, &calls), media(),
                    image(800, 600, 0xff00ff00ff00ff0fULL));  // 4 bits away
  EXPECT_EQ(v.outcome, "rejected");
  EXPECT_EQ(calls, 0);
  auto far = moderate(policy, {}, media(), image(800, 600, 0x00ff00ff00ff00ffULL));
  EXPECT_EQ(far.outcome, "approved");
}

TEST(Moderation, ExtremeProportionsNeedReview) {
  EXPECT_EQ(moderate({}, {}, media(), image(10000, 300, 0)).outcome, "needs_review");
  EXPECT_EQ(moderate({}, {}, media(), image(300, 10000, 0)).outcome, "needs_review");
  EXPECT_EQ(moderate({}, {}, media(), image(3000, 300, 0)).outcome, "approved");
}

TEST(Moderation, TheProvidersVerdictIsTaken) {
  auto v =
      moderate({}, answering(ModerationVerdict{"rejected", "nudity"}), media(), image(800, 600, 0));
  EXPECT_EQ(v.outcome, "rejected");
  EXPECT_EQ(v.reason, "nudity");
}

TEST(Moderation, AProviderThatDoesNotAnswerFailsOpenOrClosedByConfig) {
  auto down = answering(Error::unavailable("timeout"));
  ModerationPolicy open;
  open.fail_open = true;
  EXPECT_EQ(moderate(open, down, media(), image(800, 600, 0)).outcome, "approved");
  auto closed = moderate(ModerationPolicy{}, down, media(), image(800, 600, 0));
  EXPECT_EQ(closed.outcome, "needs_review");
  EXPECT_EQ(closed.reason, "the moderation provider did not answer");
}

TEST(Moderation, ProviderAnswersAreParsedStrictly) {
  auto ok = parse_moderation_answer(R"({"outcome":"needs_review","reason":"borderline"})");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->outcome, "needs_review");
  EXPECT_EQ(ok->reason, "borderline");
  for (std::string_view bad :
       {"", "[]", R"({"outcome":"maybe"})", R"({"reason":"x"})", R"({"outcome":1})"}) {
    EXPECT_FALSE(parse_moderation_answer(bad).ok()) << bad;
  }
}

TEST(Moderation, TheRequestCarriesTheIdsAndThe512Variant) {
  std::string body = moderation_request_json(media(), image(2000, 800, 0));
  EXPECT_NE(body.find(R"("mediaId":"42")"), std::string::npos) << body;
  EXPECT_NE(body.find(R"("ownerId":"7")"), std::string::npos);
  EXPECT_NE(body.find(R"("image":"c21hbGw")"), std::string::npos) << body;  // "small"
}

}  // namespace
}  // namespace sp::media
