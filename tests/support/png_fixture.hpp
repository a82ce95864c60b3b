// A real RGB PNG for upload tests, written by hand (zlib with stored deflate blocks), so a test
// needs no image library: a gradient of `width` x `height` with a constant blue channel (tests
// vary `blue` to upload different bytes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sp::testing {

// The 4 bytes of `v`, big-endian (PNG's integers).
std::string be32(uint32_t v);
// One PNG chunk: length, type, data and its CRC-32.
std::string png_chunk(std::string_view type, std::string_view data);

std::string gradient_png(uint32_t width, uint32_t height, unsigned char blue = 0x60);

}  // namespace sp::testing
