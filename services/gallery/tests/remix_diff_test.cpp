// remixDiff: word-level prompt diffs and field-level parameter diffs.
#include "logic/remix_diff.hpp"
#include "logic/similarity.hpp"

#include <gtest/gtest.h>

namespace sp::gallery {
namespace {

using Op = WordChange::Op;

std::string render(const std::vector<WordChange>& diff) {
  std::string out;
  for (const auto& c : diff) {
    out += c.op == Op::kSame ? "=" : c.op == Op::kAdded ? "+" : "-";
    out += "[" + c.text + "]";
  }
  return out;
}

TEST(WordDiff, KeepsCommonWordsAndMarksChangedRuns) {
  EXPECT_EQ(render(word_diff("a red fox in snow", "a red  fox in deep snow, golden hour")),
            "=[a red fox in]-[snow]+[deep snow, golden hour]");  // "snow," is another word
  EXPECT_EQ(render(word_diff("a red fox in snow", "a red fox in deep snow")),
            "=[a red fox in]+[deep]=[snow]");
  EXPECT_EQ(render(word_diff("same words", "same words")), "=[same words]");
  EXPECT_EQ(render(word_diff("", "new")), "+[new]");
  EXPECT_EQ(render(word_diff("old", "")), "-[old]");
}

TEST(WordDiff, HugePromptsDegradeToReplaceNotToQuadraticWork) {
  std::string big;
  for (std::size_t i = 0; i <= kMaxDiffWords; ++i) big += "w" + std::to_string(i) + " ";
  auto diff = word_diff(big, big + "extra");
  ASSERT_EQ(diff.size(), 2u);
  EXPECT_EQ(diff[0].op, Op::kRemoved);
  EXPECT_EQ(diff[1].op, Op::kAdded);
}

TEST(ParamsDiff, ListsChangedFieldsWithNestedModel) {
  auto diff = params_diff(R"({"steps":20,"cfg":7,"model":{"name":"a","hash":null},"seed":1})",
                          R"({"steps":30,"cfg":7,"model":{"name":"b","hash":null},"sampler":"x"})");
  ASSERT_EQ(diff.size(), 4u);
  EXPECT_EQ(diff[0].field, "model.name");
  EXPECT_EQ(diff[0].from, "\"a\"");
  EXPECT_EQ(diff[0].to, "\"b\"");
  EXPECT_EQ(diff[1].field, "sampler");
  EXPECT_EQ(diff[1].from, "null");
  EXPECT_EQ(diff[2].field, "seed");
  EXPECT_EQ(diff[2].to, "null");
  EXPECT_EQ(diff[3].field, "steps");
}

TEST(Similarity, JaccardOverPromptWordsIgnoringShortOnesAndCase) {
  EXPECT_EQ(prompt_words("A Red fox, in the SNOW"),
            (std::set<std::string>{"red", "fox", "the", "snow"}));
  EXPECT_DOUBLE_EQ(jaccard(prompt_words("red fox snow"), prompt_words("red fox forest")), 0.5);
  EXPECT_DOUBLE_EQ(jaccard(prompt_words("red fox"), prompt_words("blue whale")), 0.0);
  EXPECT_DOUBLE_EQ(jaccard({}, {}), 0.0);
}

}  // namespace
}  // namespace sp::gallery
