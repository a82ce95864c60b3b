#include "logic/search_rank.hpp"

namespace sp::gallery {
namespace {

constexpr double kK1 = 1.2, kB = 0.75;

bool word_byte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Lower-case words of `text` (the same byte classes as search_terms).
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (unsigned char c : text) {
    if (word_byte(c)) {
      word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

double column(const std::vector<std::string>& terms, bool prefix, std::string_view text,
              double weight, double mean_length) {
  const std::vector<std::string> words = words_of(text);
  if (words.empty()) return 0;
  const double norm = kK1 * (1 - kB + kB * static_cast<double>(words.size()) / mean_length);
  double score = 0;
  for (const std::string& t : terms) {
    double tf = 0;
    for (const std::string& w : words) {
      if (prefix ? w.starts_with(t) : w == t) ++tf;
    }
    if (tf > 0) score += weight * tf * (kK1 + 1) / (tf + norm);
  }
  return score;
}

}  // namespace

double relevance(const std::vector<std::string>& terms, bool prefix, const RankedText& doc) {
  return column(terms, prefix, doc.title, 10, 4) + column(terms, prefix, doc.tags, 4, 5) +
         column(terms, prefix, doc.handle, 4, 1) + column(terms, prefix, doc.prompt, 1, 40);
}

std::vector<std::string> tags_of(std::string_view json) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while ((i = json.find('"', i)) != std::string_view::npos) {
    std::string tag;
    for (++i; i < json.size() && json[i] != '"'; ++i) {
      if (json[i] == '\\' && i + 1 < json.size()) ++i;
      tag += json[i];
    }
    ++i;
    out.push_back(std::move(tag));
  }
  return out;
}

}  // namespace sp::gallery
