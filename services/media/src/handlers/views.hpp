#pragma once
// The media resource as JSON (the contract's field names).
#include <string>

#include "logic/media_library.hpp"

namespace sp::media {

// {"id","status","reason","width","height","variants","blurhash","dominantColor","metadata",
//  "provenance","phash","duplicates","moderation"}. Fields the processing pipeline fills are null
// (or empty lists) until it has run.
std::string media_json(const MediaView& view);

}  // namespace sp::media
