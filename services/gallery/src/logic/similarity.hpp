#pragma once
// Prompt similarity: Jaccard index of the sets of prompt words (lower-case letters and digits,
// words of one or two characters ignored).
#include <set>
#include <string>
#include <string_view>

namespace sp::gallery {

std::set<std::string> prompt_words(std::string_view prompt);
// |a ∩ b| / |a ∪ b|; 0 when both are empty.
double jaccard(const std::set<std::string>& a, const std::set<std::string>& b);

}  // namespace sp::gallery
