#include "handlers/routes.hpp"

#include "handlers/handlers.hpp"
#include "strangeprompt/http/handler.hpp"
#include "strangeprompt/http/json_body.hpp"
#include "strangeprompt/security/scopes.hpp"

namespace sp::analytics {
namespace {

using http::AuthMode;
using http::Method;
using HandlerFn = handlers::HandlerResult (*)(const AnalyticsApi&, http::Request&);

http::RouteOptions options(AuthMode auth, std::size_t max_body = http::JsonBody::kMaxBytes) {
  http::RouteOptions o;
  o.auth = auth;
  o.max_body_bytes = max_body;
  return o;
}

}  // namespace

void register_analytics_routes(http::Router& router, ApiProvider api) {
  auto admin = options(AuthMode::kRequired);
  admin.scopes = {std::string(security::scopes::kAdmin)};
  auto add = [&](Method method, const char* pattern, HandlerFn fn, const http::RouteOptions& o) {
    router.add(method, pattern, http::adapt("analytics", api, fn), o);
  };
  add(Method::kPost, "/v1/analytics/events", handlers::post_events,
      options(AuthMode::kOptional, handlers::kMaxBeaconBytes));
  add(Method::kGet, "/v1/analytics/posts/{id}/stats", handlers::get_post_stats,
      options(AuthMode::kOptional));
  add(Method::kGet, "/v1/analytics/creators/me/stats", handlers::get_creator_stats,
      options(AuthMode::kRequired));
  add(Method::kGet, "/v1/analytics/trending", handlers::get_trending, options(AuthMode::kOptional));
  add(Method::kGet, "/v1/analytics/anomalies", handlers::list_anomalies, admin);
}

}  // namespace sp::analytics
