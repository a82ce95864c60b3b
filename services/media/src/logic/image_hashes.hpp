#pragma once
// Pure functions over small sRGB pixel buffers: blurhash (https://blurha.sh, 4x3 components),
// the dominant colour, a 64-bit difference hash and Hamming distance.
#include <cstdint>
#include <string>
#include <string_view>

namespace sp::media {

// `rgb` holds width*height*3 bytes, rows top to bottom.
std::string blurhash(std::string_view rgb, int width, int height, int x_components = 4,
                     int y_components = 3);
// "#rrggbb": the centre of the most populated bucket of a 4-bits-per-channel histogram.
std::string dominant_color(std::string_view rgb, int width, int height);
// dHash of a 9x8 greyscale image (72 bytes): bit i set when pixel (x,y) is brighter than (x+1,y).
uint64_t difference_hash(std::string_view grey_9x8);
int hamming_distance(uint64_t a, uint64_t b);
// 16 lowercase hex digits.
std::string hash_hex(uint64_t hash);

}  // namespace sp::media
