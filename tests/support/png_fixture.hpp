// A real RGB PNG for upload tests, written by hand (zlib with stored deflate blocks), so a test
// needs no image library: a gradient of `width` x `height` with a constant blue channel (tests
// vary `blue` to upload different bytes).
#pragma once

#include <cstdint>
#include <string>

namespace sp::testing {

std::string gradient_png(uint32_t width, uint32_t height, unsigned char blue = 0x60);

}  // namespace sp::testing
