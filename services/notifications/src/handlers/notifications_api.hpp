#pragma once
// What the notifications handlers call, assembled by NotificationsRuntime.
#include "logic/inbox_reader.hpp"
#include "strangeprompt/http/paging.hpp"

namespace sp::notifications {

struct NotificationsApi {
  const InboxReader& inbox;
  const http::Pager& pager;
};

}  // namespace sp::notifications
