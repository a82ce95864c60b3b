#pragma once
// The gallery service (/v1/gallery): posts with their generation parameters, feeds, likes and
// comments, over its own copy of profiles kept from profile events.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/service/service.hpp"

namespace sp::gallery {

class GalleryService : public service::Service {
 public:
  // The service's own logic for the composition root's demo seeding (`serve --demo`), valid after
  // start(): `post_json` is a POST /v1/gallery/posts body; answers the new post's id. Same rules
  // as the API (validation, outbox events).
  virtual Result<int64_t> create_post(int64_t author, std::string_view post_json) = 0;
  virtual Status like(int64_t user, int64_t post_id) = 0;
  virtual Status comment(int64_t user, int64_t post_id, const std::string& body) = 0;
  // Whether the gallery holds any post (demo seeding only fills an empty service).
  virtual Result<bool> empty() = 0;
};

// Config: `gallery.*` (services/gallery/src/logic/settings.hpp), `http.cursor_key`, and the
// service database keys of service_database.hpp. Consumes user.signup, user.deleted and the
// profile.* events from env.event_log (or the configured log when null).
std::unique_ptr<GalleryService> make_gallery_service(const service::ServiceEnv& env);

}  // namespace sp::gallery
