// Words out of a search box, the engines' query syntax for them, and MIN..MAX ranges.
#include "logic/search_request.hpp"
#include "logic/search_rank.hpp"

#include <gtest/gtest.h>

namespace sp::gallery {
namespace {

TEST(SearchTerms, LowerCaseWordsWithEverythingElseSeparating) {
  EXPECT_EQ(search_terms("Red FOX, in-snow!"),
            (std::vector<std::string>{"red", "fox", "in", "snow"}));
  EXPECT_EQ(search_terms("  "), std::vector<std::string>{});
  EXPECT_EQ(search_terms("café"), std::vector<std::string>{"café"});
}

TEST(SearchTerms, QuerySyntaxCannotBeInjected) {
  for (const char* q : {"\"fox\" OR *", "fox:* | !snow", "NEAR(a b)", "a & (b)", "col:fox"}) {
    for (const std::string& t : search_terms(q)) {
      for (char c : t) {
        EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) != 0) << q << " -> " << t;
      }
    }
  }
}

TEST(SearchTerms, AtMostEightWordsOfFortyBytesOnACharacterBoundary) {
  EXPECT_EQ(search_terms("a b c d e f g h i j").size(), kMaxSearchTerms);
  const auto long_word = search_terms(std::string(39, 'a') + "éé");
  ASSERT_EQ(long_word.size(), 1u);
  EXPECT_EQ(long_word[0], std::string(39, 'a'));
}

TEST(SearchSyntax, EveryWordRequiredTheLastAsAPrefix) {
  EXPECT_EQ(fts5_match({"red", "fox"}), "\"red\" \"fox\"*");
  EXPECT_EQ(ts_query({"red", "fox"}), "red & fox:*");
  EXPECT_EQ(fts5_match({"red", "fox"}, false), "\"red\" \"fox\"");
  EXPECT_EQ(ts_query({"red", "fox"}, false), "red & fox");
}

TEST(Range, Forms) {
  const struct {
    const char* text;
    std::optional<double> min, max;
  } ok[] = {
      {"20..30", 20, 30}, {"20..", 20, std::nullopt}, {"..7.5", std::nullopt, 7.5}, {"25", 25, 25}};
  for (const auto& c : ok) {
    auto r = parse_range(c.text);
    ASSERT_TRUE(r.has_value()) << c.text;
    EXPECT_EQ(r->min, c.min) << c.text;
    EXPECT_EQ(r->max, c.max) << c.text;
  }
  for (const char* bad : {"", "..", "a..b", "30..20", "1..2..3", "nan", "1e999"}) {
    EXPECT_FALSE(parse_range(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace sp::gallery

namespace sp::gallery {
namespace {

TEST(SearchRank, TitleOutweighsPromptAndRepeatsCountWithSaturation) {
  const std::vector<std::string> fox{"fox"};
  const double in_title = relevance(fox, false, {"Red Fox", "a picture", "[]", "ann"});
  const double in_prompt = relevance(fox, false, {"Red", "a fox in the snow", "[]", "ann"});
  const double twice = relevance(fox, false, {"Red", "a fox and a fox in the snow", "[]", "ann"});
  EXPECT_GT(in_title, in_prompt);
  EXPECT_GT(twice, in_prompt);
  EXPECT_LT(twice, 2 * in_prompt) << "term frequency saturates";
  EXPECT_EQ(relevance(fox, false, {"Red", "a foxglove", "[]", "ann"}), 0.0) << "whole words";
  EXPECT_GT(relevance(fox, true, {"Red", "a foxglove", "[]", "ann"}), 0.0) << "as a prefix";
  EXPECT_GT(relevance(fox, false, {"", "", "[\"fox\"]", ""}), 0.0) << "tags count";
}

TEST(SearchRank, TagsOfAJsonArray) {
  EXPECT_EQ(tags_of(R"(["sea","night"])"), (std::vector<std::string>{"sea", "night"}));
  EXPECT_EQ(tags_of("[]"), std::vector<std::string>{});
}

}  // namespace
}  // namespace sp::gallery
