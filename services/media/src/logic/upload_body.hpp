#pragma once
// The file bytes of an upload request: the raw body (Content-Type image/* or
// application/octet-stream) or the first file part of a multipart/form-data body.
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp::media {

// The uploaded file's bytes as a view into `body`. kUnsupportedMedia (415) for another
// Content-Type; kInvalidArgument (400) for a multipart body without a boundary or a file part, or
// an empty file.
Result<std::string_view> upload_bytes(std::string_view content_type, std::string_view body);

}  // namespace sp::media
