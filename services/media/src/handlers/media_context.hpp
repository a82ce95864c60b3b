#pragma once
// What the media handlers work with once the service has started.
#include <chrono>

#include "logic/media_library.hpp"
#include "strangeprompt/blob/url_signer.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/http/paging.hpp"

namespace sp::media {

struct MediaContext {
  MediaLibrary& library;
  const blob::UrlSigner& signer;      // signs and checks the URLs of originals
  std::chrono::seconds original_ttl;  // media.original_url_ttl_seconds
  const Clock& clock;
  const http::Pager& pager;  // the review queue's cursors
};

}  // namespace sp::media
