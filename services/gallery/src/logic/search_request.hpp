#pragma once
// The text side of GET /v1/gallery/search: words out of ?q=, the engine's query syntax for them
// (every word required, the last one as a prefix), and MIN..MAX ranges.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sp::gallery {

inline constexpr std::size_t kMaxSearchTerms = 8;

// Lower-case runs of ASCII letters and digits and non-ASCII bytes; at most kMaxSearchTerms,
// each at most 40 bytes. Everything else separates words (and so can never inject syntax).
std::vector<std::string> search_terms(std::string_view q);
// FTS5: "red" "fox"* (implicit AND; the last word, the one being typed, as a prefix); without
// `prefix` "red" "fox".
std::string fts5_match(const std::vector<std::string>& terms, bool prefix = true);
// PostgreSQL to_tsquery: red & fox:*; without `prefix` red & fox.
std::string ts_query(const std::vector<std::string>& terms, bool prefix = true);

// "MIN..MAX", "MIN..", "..MAX" or one number N (= N..N); nullopt when malformed or MIN > MAX.
struct Range {
  std::optional<double> min, max;
};
std::optional<Range> parse_range(std::string_view text);

}  // namespace sp::gallery
