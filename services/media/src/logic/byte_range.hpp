#pragma once
// RFC 9110 §14 single byte ranges for media delivery: "bytes=a-b", "bytes=a-", "bytes=-n".
#include <cstdint>
#include <optional>
#include <string_view>

namespace sp::media {

struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;  // inclusive
};

enum class RangeVerdict {
  kWhole,          // no Range header, a unit other than bytes, several ranges or junk: send 200
  kPartial,        // send 206 with `range`
  kUnsatisfiable,  // send 416 with Content-Range: bytes */size
};

struct RangeAnswer {
  RangeVerdict verdict = RangeVerdict::kWhole;
  ByteRange range{};
};

// The answer to `header` (the Range value, empty when absent) for an object of `size` bytes.
// Multiple ranges are answered whole (allowed by RFC 9110 and never needed for images).
RangeAnswer resolve_range(std::string_view header, uint64_t size);

}  // namespace sp::media
