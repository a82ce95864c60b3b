#pragma once
// `serve --demo`: fills an empty installation with believable content through the services' own
// public interfaces, so the platform has something to show on first run. Never runs unasked.
#include "strangeprompt/core/result.hpp"

namespace sp {
class Clock;
}
namespace sp::http {
class Router;
}
namespace sp::events {
class EventLog;
}
namespace sp::gallery {
class GalleryService;
}

namespace sp::cmd {

// Every demo account's password (documented in the README).
inline constexpr const char* kDemoPassword = "demo-prompt-garden";

// Creates the demo creators through auth's sign-up route (the real flow: argon2id hashes, the
// user.signup event), then their posts, remix chains, likes and comments through the gallery
// service, and follows as profile.followed events on `log` (what the profile service publishes;
// it is not in this build). `router` must hold the started services' routes.
Status seed_demo(const http::Router& router, gallery::GalleryService& gallery,
                 events::EventLog& log, const Clock& clock);

}  // namespace sp::cmd
