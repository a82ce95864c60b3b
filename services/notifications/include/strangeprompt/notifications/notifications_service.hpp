#pragma once
// The notifications service: the in-app inbox, its live stream (SSE) and the notification
// sources under /v1/notifications. It learns everything from events (auth, profile, gallery) and
// never reads another service's tables.
#include <memory>

#include "strangeprompt/service/service.hpp"

namespace sp::notifications {

class NotificationsService : public service::Service {};

std::unique_ptr<NotificationsService> make_notifications_service(const service::ServiceEnv& env);

}  // namespace sp::notifications
