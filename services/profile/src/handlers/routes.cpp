#include "handlers/routes.hpp"

#include "handlers/handlers.hpp"
#include "strangeprompt/http/handler.hpp"
#include "strangeprompt/http/json_body.hpp"
#include "strangeprompt/security/scopes.hpp"

namespace sp::profile {
namespace {

using http::AuthMode;
using http::Method;
using HandlerFn = handlers::HandlerResult (*)(const ProfileApi&, http::Request&);

http::RouteOptions options(AuthMode auth, bool writes = false) {
  http::RouteOptions o;
  o.auth = auth;
  if (writes) o.scopes = {std::string(security::scopes::kProfileWrite)};
  o.max_body_bytes = http::JsonBody::kMaxBytes;
  return o;
}

}  // namespace

void register_profile_routes(http::Router& router, ApiProvider api) {
  const auto public_read = options(AuthMode::kOptional);
  const auto signed_in = options(AuthMode::kRequired);
  const auto writes = options(AuthMode::kRequired, /*writes=*/true);
  auto add = [&](Method method, const char* pattern, HandlerFn fn, const http::RouteOptions& o) {
    router.add(method, pattern, http::adapt("profile", api, fn), o);
  };
  add(Method::kGet, "/v1/profiles/me", handlers::get_own_profile, signed_in);
  add(Method::kPatch, "/v1/profiles/me", handlers::patch_own_profile, writes);
  add(Method::kGet, "/v1/profiles/me/preferences", handlers::get_preferences, signed_in);
  add(Method::kPatch, "/v1/profiles/me/preferences", handlers::patch_preferences, writes);
  add(Method::kGet, "/v1/profiles/me/blocks", handlers::list_blocks, signed_in);
  add(Method::kGet, "/v1/profiles/{handle}", handlers::get_profile, public_read);
  add(Method::kPut, "/v1/profiles/{handle}/follow", handlers::follow, writes);
  add(Method::kDelete, "/v1/profiles/{handle}/follow", handlers::unfollow, writes);
  add(Method::kPut, "/v1/profiles/{handle}/block", handlers::block, writes);
  add(Method::kDelete, "/v1/profiles/{handle}/block", handlers::unblock, writes);
  add(Method::kGet, "/v1/profiles/{handle}/followers", handlers::list_followers, public_read);
  add(Method::kGet, "/v1/profiles/{handle}/following", handlers::list_following, public_read);
}

}  // namespace sp::profile
