#pragma once
// Which upload bodies the media service takes: the raw body (Content-Type image/* or
// application/octet-stream) or the file part of a multipart/form-data body. The HTTP layer spools
// either to a file (RouteOptions::spool_dir) and finds the file part; this decides the rest.
#include <cstdint>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp::media {

// kUnsupportedMedia (415) for a raw body of another Content-Type; kInvalidArgument (400) for an
// empty file. `multipart`: the file came from a multipart/form-data body (any part type is fine:
// the type is read from the bytes).
Status check_upload_body(std::string_view request_content_type, bool multipart, uint64_t size);

}  // namespace sp::media
