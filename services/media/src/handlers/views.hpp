#pragma once
// The media resource as JSON (the contract's field names).
#include <string>

#include "logic/media_library.hpp"

namespace sp::media {

// The owner's view: {"id","status","reason","width","height","variants","blurhash",
// "dominantColor","metadata","provenance","phash","duplicates","moderation"}. Fields the
// processing pipeline fills are null (or empty lists) until it has run.
// The public view (view.owner_view false: a ready, approved media used in a public post) has
// {"id","status","width","height","variants","blurhash","dominantColor","provenance","phash"}:
// no `reason` or `moderation` (the owner's business), no `duplicates` (other people's media ids),
// no `metadata` (a post may hide its generation parameters: the gallery serves them per post).
std::string media_json(const MediaView& view);

}  // namespace sp::media
