#include "logic/similarity.hpp"

namespace sp::gallery {

std::set<std::string> prompt_words(std::string_view prompt) {
  std::set<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() > 2) out.insert(word);
    word.clear();
  };
  for (unsigned char c : prompt) {
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
      word += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else {
      flush();
    }
  }
  flush();
  return out;
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() && b.empty()) return 0;
  std::size_t common = 0;
  for (const auto& w : a) common += b.count(w);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace sp::gallery
