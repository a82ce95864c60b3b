#include "logic/search_rank.hpp"

namespace sp::gallery {
namespace {

constexpr double kK1 = 1.2, kB = 0.75;

bool word_byte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `word` (as written) against a lower-case term: equal, or with `prefix` starting with it.
bool matches(std::string_view word, const std::string& term, bool prefix) {
  if (word.size() < term.size() || (!prefix && word.size() != term.size())) return false;
  for (std::size_t i = 0; i < term.size(); ++i) {
    if (lower(word[i]) != term[i]) return false;
  }
  return true;
}

// Calls f(word) for each word of `text` (the same byte classes as search_terms); no copies.
template <class F>
void each_word(std::string_view text, F&& f) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && word_byte(static_cast<unsigned char>(text[i]))) continue;
    if (i > start) f(text.substr(start, i - start));
    start = i + 1;
  }
}

double column(const std::vector<std::string>& terms, bool prefix, std::string_view text,
              double weight, double mean_length) {
  double length = 0;
  std::vector<double> tf(terms.size(), 0.0);
  each_word(text, [&](std::string_view w) {
    ++length;
    for (std::size_t t = 0; t < terms.size(); ++t) {
      if (matches(w, terms[t], prefix && t + 1 == terms.size())) ++tf[t];
    }
  });
  if (length == 0) return 0;
  const double norm = kK1 * (1 - kB + kB * length / mean_length);
  double score = 0;
  for (double f : tf) {
    if (f > 0) score += weight * f * (kK1 + 1) / (f + norm);
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
