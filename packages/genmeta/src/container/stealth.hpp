#pragma once
// "Stealth" PNG info (the sd-webui-stealth-pnginfo extension, also NovelAI): the parameters
// hidden in the low bit of the alpha channel, read column by column: a 15-byte signature
// ("stealth_pnginfo" plain, "stealth_pngcomp" gzip), a 32-bit big-endian bit count, the bytes.
// Only 8-bit RGBA non-interlaced PNGs whose pixels fit in the inflate budget are read.
#include <optional>
#include <string>

#include "container/carriers.hpp"

namespace sp::genmeta::detail {

std::optional<std::string> read_stealth_text(const PngPixels& png, InflateBudget& budget);

}  // namespace sp::genmeta::detail
