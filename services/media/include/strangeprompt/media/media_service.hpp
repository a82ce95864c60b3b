#pragma once
// The media service (/v1/media): image uploads typed from their bytes, the private original in
// the blob store, exact duplicates per owner, the extracted generation metadata and the media's
// state. Config: `media.*` (services/media/README.md) and the service database keys.
#include <memory>

#include "strangeprompt/service/service.hpp"

namespace sp::media {

std::unique_ptr<service::Service> make_media_service(const service::ServiceEnv& env);

}  // namespace sp::media
