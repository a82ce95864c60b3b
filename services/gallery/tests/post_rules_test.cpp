// The pure rules of a post: tag normalisation, base-model derivation, the hot score.
#include "logic/post_rules.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace sp::gallery {
namespace {

TEST(NormaliseTag, FoldsCaseBlanksAndPunctuation) {
  const struct {
    const char* raw;
    const char* want;
  } cases[] = {
      {"Cyberpunk", "cyberpunk"},
      {"#Winter Fox", "winter-fox"},
      {"  neon_city  ", "neon-city"},
      {"oil--painting", "oil-painting"},
      {"sci-fi!", "sci-fi"},
      {"R&B", "rb"},
      {"Café", "café"},
      {"-edge-", "edge"},
      {"a  b\tc", "a-b-c"},
  };
  for (const auto& c : cases) {
    auto got = normalise_tag(c.raw);
    ASSERT_TRUE(got.has_value()) << c.raw;
    EXPECT_EQ(*got, c.want) << c.raw;
  }
}

TEST(NormaliseTag, NothingLeftIsNoTag) {
  EXPECT_FALSE(normalise_tag("###").has_value());
  EXPECT_FALSE(normalise_tag("  - _ ").has_value());
}

TEST(NormaliseTag, LongTagsAreCutOnACharacterBoundary) {
  auto got = normalise_tag(std::string(39, 'a') + "ééé");
  ASSERT_TRUE(got.has_value());
  EXPECT_LE(got->size(), kMaxTagBytes);
  EXPECT_EQ(got->substr(0, 39), std::string(39, 'a'));
  EXPECT_EQ(got->size(), 39u);  // "é" is two bytes and would cross the limit
}

TEST(NormaliseTags, RemovesDuplicatesAfterNormalisingKeepingOrder) {
  EXPECT_EQ(normalise_tags({"Fox", "#fox", "snow", "FOX", "!!"}),
            (std::vector<std::string>{"fox", "snow"}));
}

TEST(BaseModel, DerivedFromTheModelName) {
  const struct {
    const char* name;
    const char* hash;
    const char* want;
  } cases[] = {
      {"ponyDiffusionV6XL_v6StartWithThisOne", "", "pony"},
      {"flux1-dev-fp8", "", "flux"},
      {"sd3_medium_incl_clips", "", "sd3"},
      {"sd_xl_base_1.0", "", "sdxl"},
      {"juggernautXL_v9", "", "sdxl"},
      {"v1-5-pruned-emaonly", "", "sd15"},
      {"dreamshaper_8", "", "other"},
      {"", "", "other"},
      {"mystery", "6ce0161689", "sd15"},
      {"mystery", "31E35C80FC", "sdxl"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(derive_base_model(c.name, c.hash), c.want) << c.name << " " << c.hash;
  }
}

TEST(HotScore, UnpublishedIsZero) {
  EXPECT_EQ(hot_score(10, 5, 100, std::nullopt), 0.0);
}

TEST(HotScore, TenfoldEngagementWeighsTwelveAndAHalfHours) {
  const int64_t t = 1'750'000'000'000;
  const double older_popular = hot_score(99, 0, 0, t);                 // 100 points
  const double newer_quiet = hot_score(9, 0, 0, t + 45'000 * 1000LL);  // 10 points, 12.5 h later
  EXPECT_NEAR(older_popular, newer_quiet, 1e-9);
}

TEST(HotScore, EngagementIsLogScaledAndWeighted) {
  const int64_t t = 1'750'000'000'000;
  EXPECT_NEAR(hot_score(0, 0, 0, t) + 1.0, hot_score(9, 0, 0, t), 1e-9);
  EXPECT_NEAR(hot_score(2, 0, 0, t), hot_score(0, 1, 0, t), 1e-9);   // a comment = 2 likes
  EXPECT_NEAR(hot_score(1, 0, 0, t), hot_score(0, 0, 10, t), 1e-9);  // 10 views = 1 like
  EXPECT_GT(hot_score(1, 0, 0, t + 1000), hot_score(1, 0, 0, t));    // newer is hotter
}

}  // namespace
}  // namespace sp::gallery
