#include "logic/byte_range.hpp"

#include <charconv>

#include "strangeprompt/core/strings.hpp"

namespace sp::media {
namespace {

std::optional<uint64_t> number(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

RangeAnswer resolve_range(std::string_view header, uint64_t size) {
  header = trim(header);
  if (!header.starts_with("bytes=")) return {};
  std::string_view spec = trim(header.substr(6));
  if (spec.find(',') != std::string_view::npos) return {};
  const std::size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return {};
  std::string_view a = trim(spec.substr(0, dash));
  std::string_view b = trim(spec.substr(dash + 1));
  if (a.empty()) {  // suffix: the last n bytes
    auto n = number(b);
    if (!n) return {};
    if (*n == 0 || size == 0) return {RangeVerdict::kUnsatisfiable, {}};
    uint64_t len = *n < size ? *n : size;
    return {RangeVerdict::kPartial, {size - len, size - 1}};
  }
  auto first = number(a);
  if (!first) return {};
  std::optional<uint64_t> last = b.empty() ? std::optional<uint64_t>(UINT64_MAX) : number(b);
  if (!last || *last < *first) return {};
  if (*first >= size) return {RangeVerdict::kUnsatisfiable, {}};
  return {RangeVerdict::kPartial, {*first, *last < size ? *last : size - 1}};
}

}  // namespace sp::media
