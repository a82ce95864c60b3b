#pragma once
// Key and content-type rules shared by every BlobStore adapter.
#include <optional>
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp::blob {

constexpr std::size_t kMaxKeyBytes = 1'024;

Status check_key(std::string_view key);
// Printable ASCII without CR/LF (it may end up in a header), at most 255 bytes.
Status check_content_type(std::string_view content_type);
// A media type for well-known extensions (".png" -> "image/png"), else nullopt.
std::optional<std::string> content_type_for(std::string_view key);

}  // namespace sp::blob
