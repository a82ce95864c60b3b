#include "logic/search_request.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace sp::gallery {
namespace {

std::optional<double> number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

std::vector<std::string> search_terms(std::string_view q) {
  std::vector<std::string> terms;
  std::string word;
  auto flush = [&] {
    // At most 40 bytes, cut on a character boundary.
    std::size_t cut = std::min<std::size_t>(word.size(), 40);
    while (cut > 0 && cut < word.size() && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    if (cut > 0 && terms.size() < kMaxSearchTerms) terms.push_back(word.substr(0, cut));
    word.clear();
  };
  for (unsigned char c : q) {
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
      word += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else {
      flush();
    }
  }
  flush();
  return terms;
}

std::string fts5_match(const std::vector<std::string>& terms, bool prefix) {
  std::string out;
  for (const std::string& t : terms) {
    if (!out.empty()) out += ' ';
    out += '"' + t + (prefix && &t == &terms.back() ? "\"*" : "\"");
  }
  return out;
}

std::string ts_query(const std::vector<std::string>& terms, bool prefix) {
  std::string out;
  for (const std::string& t : terms) {
    if (!out.empty()) out += " & ";
    out += t + (prefix && &t == &terms.back() ? ":*" : "");
  }
  return out;
}

std::optional<Range> parse_range(std::string_view text) {
  const auto dots = text.find("..");
  if (dots == std::string_view::npos) {
    auto v = number(text);
    if (!v) return std::nullopt;
    return Range{v, v};
  }
  const std::string_view lo = text.substr(0, dots), hi = text.substr(dots + 2);
  Range r{number(lo), number(hi)};
  if ((!lo.empty() && !r.min) || (!hi.empty() && !r.max) || (!r.min && !r.max)) {
    return std::nullopt;
  }
  if (r.min && r.max && *r.min > *r.max) return std::nullopt;
  return r;
}

}  // namespace sp::gallery
