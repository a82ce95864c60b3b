#include <chrono>

#include "handlers/handlers.hpp"
#include "handlers/views.hpp"
#include "logic/profile_rules.hpp"
#include "strangeprompt/http/caching.hpp"
#include "strangeprompt/http/json_body.hpp"

namespace sp::profile::handlers {
namespace {

// Fields the profile answer shows but a PATCH may not set.
constexpr std::string_view kReadOnly[] = {"id",         "handle",         "avatarUrl",
                                          "joinedAt",   "followersCount", "followingCount",
                                          "postsCount", "followedByMe",   "blockedByMe"};

// A public profile may be cached briefly; a signed-in view (followedByMe) only by its viewer.
http::Response profile_response(const http::Request& request, const ProfileView& view,
                                bool signed_in) {
  http::Response response = http::Response::json(200, profile_json(view));
  response.set_header("Cache-Control", signed_in
                                           ? http::private_cache(std::chrono::seconds(0))
                                           : http::public_read_cache(std::chrono::seconds(10)));
  response.set_header("Vary", "Authorization");
  return http::conditional_get(request, std::move(response));
}

}  // namespace

Result<int64_t> caller_id(const http::Request& request) {
  if (!request.principal) return Error::unauthenticated("sign in first");
  return request.principal->user_id;
}

// GET /v1/profiles/{handle}: public; followedByMe/blockedByMe for a signed-in viewer.
HandlerResult get_profile(const ProfileApi& api, http::Request& request) {
  std::optional<int64_t> viewer;
  if (request.principal) viewer = request.principal->user_id;
  SP_ASSIGN_OR_RETURN(ProfileView view, api.profiles.view(request.param("handle"), viewer));
  return profile_response(request, view, viewer.has_value());
}

// GET /v1/profiles/me
HandlerResult get_own_profile(const ProfileApi& api, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t me, caller_id(request));
  SP_ASSIGN_OR_RETURN(ProfileView view, api.profiles.view_own(me));
  return profile_response(request, view, true);
}

// PATCH /v1/profiles/me {displayName?, bio?, avatar?, links?}
HandlerResult patch_own_profile(const ProfileApi& api, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t me, caller_id(request));
  SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::parse(request));
  for (std::string_view name : kReadOnly) {
    if (body.presence(name) != http::JsonFields::Presence::kAbsent) {
      body.reject(name, "is read-only");
    }
  }
  ProfileChange change{
      .display_name = body.patch_string("displayName", {.max_chars = kMaxDisplayNameChars}),
      .bio = body.patch_string("bio", {.max_chars = kMaxBioChars}),
      .avatar = body.patch_id("avatar"),
      .links = body.patch_string_list(
          "links", {.max_items = kMaxLinks, .item = {.min_chars = 1, .max_chars = kMaxLinkChars}})};
  if (change.links.is_set()) {
    for (std::size_t i = 0; i < change.links.value().size(); ++i) {
      if (!is_profile_link(change.links.value()[i])) {
        body.reject("links." + std::to_string(i), "must be an http(s) URL");
      }
    }
  }
  SP_TRY(body.finish());
  SP_ASSIGN_OR_RETURN(Profile updated, api.profiles.update(me, change));
  return http::Response::json(200, profile_json({.profile = updated, .relation = std::nullopt}));
}

}  // namespace sp::profile::handlers
