#pragma once
// WebP container surgery. Debian's libvips 8.14.1 webpsave writes an EXIF chunk (orientation,
// resolution, ...) even with `strip`, so every variant passes through here before it is stored.
#include <optional>
#include <string>
#include <string_view>

namespace sp::media {

// `webp` without its EXIF, XMP and ICCP chunks (and their VP8X flags cleared); nullopt when the
// bytes are not a well-formed RIFF/WEBP container.
std::optional<std::string> webp_without_metadata(std::string_view webp);

}  // namespace sp::media
