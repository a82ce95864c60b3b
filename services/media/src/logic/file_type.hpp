#pragma once
// The image type of an upload, decided from its first bytes only (never the Content-Type header or
// a file name): PNG, JPEG, WebP or AVIF. Anything else is refused with a reason an uploader can
// read.
#include <optional>
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp::media {

enum class ImageFormat { kPng, kJpeg, kWebp, kAvif };

// "png", "jpeg", "webp", "avif": what the `format` column stores.
std::string_view format_name(ImageFormat format);
std::optional<ImageFormat> format_from_name(std::string_view name);

// The format of `bytes` from its signature; kUnsupportedMedia (415) naming what was seen
// (SVG, PDF, GIF, HTML, unknown) otherwise.
Result<ImageFormat> sniff_image_format(std::string_view bytes);

}  // namespace sp::media
