#pragma once
// The profile API's handlers: parse the request, call one flow, serialise the answer. Expected
// failures come back as errors; http::adapt turns them into problem+json.
#include "handlers/profile_api.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::profile::handlers {

using HandlerResult = Result<http::Response>;

// profile_handlers.cpp
HandlerResult get_profile(const ProfileApi& api, http::Request& request);
HandlerResult get_own_profile(const ProfileApi& api, http::Request& request);
HandlerResult patch_own_profile(const ProfileApi& api, http::Request& request);

// graph_handlers.cpp
HandlerResult follow(const ProfileApi& api, http::Request& request);
HandlerResult unfollow(const ProfileApi& api, http::Request& request);
HandlerResult block(const ProfileApi& api, http::Request& request);
HandlerResult unblock(const ProfileApi& api, http::Request& request);
HandlerResult list_followers(const ProfileApi& api, http::Request& request);
HandlerResult list_following(const ProfileApi& api, http::Request& request);
HandlerResult list_blocks(const ProfileApi& api, http::Request& request);

// preference_handlers.cpp
HandlerResult get_preferences(const ProfileApi& api, http::Request& request);
HandlerResult patch_preferences(const ProfileApi& api, http::Request& request);

// The signed-in caller's user id (routes declared AuthMode::kRequired).
Result<int64_t> caller_id(const http::Request& request);

}  // namespace sp::profile::handlers
