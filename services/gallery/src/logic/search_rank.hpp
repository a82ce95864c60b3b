#pragma once
// Relevance of one search candidate, computed from the post alone: BM25's term-frequency
// saturation and length normalisation per column with fixed mean lengths, and every word
// weighing the same (no corpus statistics). A post's score therefore never changes while other
// posts are written, which keeps relevance cursors exact, and is the same on SQLite and
// PostgreSQL.
#include <string>
#include <string_view>
#include <vector>

namespace sp::gallery {

struct RankedText {
  std::string_view title, prompt, tags, handle;
};

// Words of `terms` (lower case, from search_terms) in `doc`; a word of the post counts when it
// equals a term, or with `prefix` when it starts with the last term (the one being typed). Title
// weighs 10, tags and handle 4, the prompt 1. 0 when no term occurs.
double relevance(const std::vector<std::string>& terms, bool prefix, const RankedText& doc);

// The strings of a tags_json array (["sea","night"]), in order.
std::vector<std::string> tags_of(std::string_view tags_json);

}  // namespace sp::gallery
