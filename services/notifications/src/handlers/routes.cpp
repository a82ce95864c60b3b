#include "handlers/routes.hpp"

#include "handlers/handlers.hpp"
#include "strangeprompt/http/handler.hpp"
#include "strangeprompt/http/json_body.hpp"
#include "strangeprompt/security/scopes.hpp"

namespace sp::notifications {
namespace {

using http::AuthMode;
using http::Method;
using HandlerFn = handlers::HandlerResult (*)(const NotificationsApi&, http::Request&);

http::RouteOptions options(AuthMode auth, bool scoped) {
  http::RouteOptions o;
  o.auth = auth;
  if (scoped) o.scopes = {std::string(security::scopes::kNotificationsRead)};
  o.max_body_bytes = http::JsonBody::kMaxBytes;
  return o;
}

}  // namespace

void register_notification_routes(http::Router& router, ApiProvider api) {
  const auto reader = options(AuthMode::kRequired, true);
  const auto anyone = options(AuthMode::kOptional, false);
  auto add = [&](Method method, const char* pattern, HandlerFn fn, const http::RouteOptions& o) {
    router.add(method, pattern, http::adapt("notifications", api, fn), o);
  };
  add(Method::kGet, "/v1/notifications", handlers::list, reader);
  add(Method::kPost, "/v1/notifications/read", handlers::mark_read, reader);
  add(Method::kPost, "/v1/notifications/stream-ticket", handlers::stream_ticket, reader);
  // Scope checked in the handler: a ticket carries none, a header must carry notifications:read.
  add(Method::kGet, "/v1/notifications/stream", handlers::stream, anyone);
  add(Method::kPost, "/v1/notifications/push-subscriptions", handlers::push_subscriptions,
      options(AuthMode::kRequired, false));
  add(Method::kPost, "/v1/notifications/unsubscribe", handlers::unsubscribe, anyone);
}

}  // namespace sp::notifications
