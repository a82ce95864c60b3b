#pragma once
// Transparent hashing so statement caches keyed by SQL text look up string_views without copying.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace sp::db {

struct SqlTextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Statements beyond this many distinct SQL texts per connection run uncached.
inline constexpr std::size_t kMaxCachedStatements = 512;

}  // namespace sp::db
