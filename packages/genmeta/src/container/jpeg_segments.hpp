#pragma once
// JPEG marker segments before the entropy-coded data, shared by the reader and the stripper.
#include <cstdint>
#include <functional>
#include <string_view>

namespace sp::genmeta::detail {

struct JpegSegment {
  uint8_t marker = 0;        // the byte after 0xFF
  std::string_view whole;    // marker + length + payload, as in the file
  std::string_view payload;  // after the 2-byte length
};

// Calls `visit` for each segment after SOI up to and excluding SOS; returns the offset of the
// SOS marker, or 0 when the file is not a JPEG or a segment runs past the end.
size_t walk_jpeg_segments(std::string_view file,
                          const std::function<void(const JpegSegment&)>& visit);

}  // namespace sp::genmeta::detail
