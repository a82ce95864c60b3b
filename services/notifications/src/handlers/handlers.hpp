#pragma once
// The notifications API's handlers: parse, call the inbox, serialise.
#include "handlers/notifications_api.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::notifications::handlers {

using HandlerResult = Result<http::Response>;

// inbox_handlers.cpp
HandlerResult list(const NotificationsApi& api, http::Request& request);
HandlerResult mark_read(const NotificationsApi& api, http::Request& request);
HandlerResult push_subscriptions(const NotificationsApi& api, http::Request& request);
HandlerResult unsubscribe(const NotificationsApi& api, http::Request& request);

// stream_handlers.cpp
HandlerResult stream_ticket(const NotificationsApi& api, http::Request& request);
HandlerResult stream(const NotificationsApi& api, http::Request& request);

}  // namespace sp::notifications::handlers
