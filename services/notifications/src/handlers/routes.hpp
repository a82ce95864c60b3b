#pragma once
// Registers the /v1/notifications routes; `api` answers null until the service has started.
#include <functional>

#include "handlers/notifications_api.hpp"
#include "strangeprompt/http/router.hpp"

namespace sp::notifications {

using ApiProvider = std::function<const NotificationsApi*()>;
void register_notification_routes(http::Router& router, ApiProvider api);

}  // namespace sp::notifications
