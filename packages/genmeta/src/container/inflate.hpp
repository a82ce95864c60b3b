#pragma once
// zlib/gzip inflation with a shared output budget, so a "zip bomb" in a text chunk or an IDAT
// stream costs at most the budget (8 MiB per file by default) and never hangs.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sp::genmeta::detail {

inline constexpr size_t kDefaultInflateBudget = 8u << 20;

class InflateBudget {
 public:
  explicit InflateBudget(size_t bytes = kDefaultInflateBudget) : left_(bytes) {}
  size_t left() const { return left_; }
  void spend(size_t n) { left_ = n > left_ ? 0 : left_ - n; }

 private:
  size_t left_;
};

// The inflated bytes (zlib or gzip framing, detected), or nullopt when the stream is corrupt,
// truncated or larger than what is left of the budget; the output spent is charged either way.
std::optional<std::string> inflate(std::string_view compressed, InflateBudget& budget);

}  // namespace sp::genmeta::detail
