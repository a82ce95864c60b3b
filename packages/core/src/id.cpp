#include "strangeprompt/core/id.hpp"

#include <charconv>

namespace sp {

int64_t IdGenerator::next() {
  std::lock_guard lock(mu_);
  int64_t ms = clock_.now_ms() - kEpochMs;
  if (ms < last_ms_) ms = last_ms_;  // the wall clock stepped back: keep ids increasing
  if (ms == last_ms_) {
    if (++sequence_ > 0xfff) {
      // Sequence exhausted within this millisecond: move to the next one logically.
      ++ms;
      sequence_ = 0;
    }
  } else {
    sequence_ = 0;
  }
  last_ms_ = ms;
  return (ms << 22) | (static_cast<int64_t>(node_) << 12) | sequence_;
}

std::string id_to_string(int64_t id) {
  return std::to_string(id);
}

std::optional<int64_t> parse_id(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

}  // namespace sp
