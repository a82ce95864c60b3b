#pragma once
// Metadata removal per container. Each returns nullopt when the file is not well-formed enough
// to rewrite with certainty (the caller then serves re-encoded pixels).
#include <optional>
#include <string>
#include <string_view>

namespace sp::genmeta::detail {

std::optional<std::string> strip_png(std::string_view file, bool keep_parameters);
std::optional<std::string> strip_jpeg(std::string_view file, bool keep_parameters);
std::optional<std::string> strip_webp(std::string_view file, bool keep_parameters);

// A minimal big-endian TIFF/EXIF block (no "Exif\0\0" prefix) holding only a UserComment with
// `text` as UTF-16BE after the "UNICODE\0" prefix: what remains of EXIF when only the
// generation parameters are kept.
std::string exif_with_user_comment(std::string_view text);
// The generation-parameter UserComment of an EXIF block, or nullopt.
std::optional<std::string> parameters_in_exif(std::string_view tiff);

}  // namespace sp::genmeta::detail
