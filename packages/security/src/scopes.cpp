#include "strangeprompt/security/scopes.hpp"

#include <algorithm>
#include <array>

namespace sp::security {
namespace {

constexpr std::array<std::string_view, 5> kKnown = {scopes::kProfileWrite, scopes::kGalleryWrite,
                                                    scopes::kMediaWrite, scopes::kNotificationsRead,
                                                    scopes::kAdmin};

bool is_scope_char(char c) {
  // RFC 6749: %x21 / %x23-5B / %x5D-7E
  return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
}

template <typename Range>
bool contains_all(const std::vector<std::string>& granted, const Range& required) {
  return std::all_of(std::begin(required), std::end(required), [&](const auto& scope) {
    return std::find(granted.begin(), granted.end(), scope) != granted.end();
  });
}

}  // namespace

std::span<const std::string_view> known_scopes() {
  return kKnown;
}

bool is_known_scope(std::string_view scope) {
  return std::find(kKnown.begin(), kKnown.end(), scope) != kKnown.end();
}

std::vector<std::string> parse_scopes(std::string_view scope) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < scope.size()) {
    if (scope[i] == ' ') {
      ++i;
      continue;
    }
    const auto end = std::min(scope.find(' ', i), scope.size());
    out.emplace_back(scope.substr(i, end - i));
    i = end;
  }
  return out;
}

std::string join_scopes(const std::vector<std::string>& scopes) {
  std::string out;
  for (const auto& s : scopes) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

bool is_valid_scope_string(std::string_view scope) {
  bool token_started = false;
  for (char c : scope) {
    if (c == ' ') {
      if (!token_started) return false;  // leading or doubled space
      token_started = false;
    } else if (is_scope_char(c)) {
      token_started = true;
    } else {
      return false;
    }
  }
  return scope.empty() || token_started;  // no trailing space
}

bool has_all_scopes(const std::vector<std::string>& granted,
                    std::initializer_list<std::string_view> required) {
  return contains_all(granted, required);
}

bool has_all_scopes(const std::vector<std::string>& granted,
                    const std::vector<std::string>& required) {
  return contains_all(granted, required);
}

}  // namespace sp::security
