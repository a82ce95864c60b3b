#pragma once
// Consumed events -> NotificationSources. A malformed record is logged and skipped (retrying it
// would never help); a store failure is returned so the consumer retries the record.
#include "logic/sources.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::notifications {

Status take_signup(NotificationSources& s, const events::Record& r);
Status take_profile_updated(NotificationSources& s, const events::Record& r);
Status take_preferences(NotificationSources& s, const events::Record& r);
Status take_follow(NotificationSources& s, const events::Record& r);  // followed and unfollowed
Status take_like(NotificationSources& s, const events::Record& r);
Status take_comment(NotificationSources& s, const events::Record& r);
Status take_post_published(NotificationSources& s, const events::Record& r);
Status take_password_reset(NotificationSources& s, const events::Record& r);
Status take_post_views(NotificationSources& s, const events::Record& r);
Status take_user_deleted(NotificationSources& s, const events::Record& r);

}  // namespace sp::notifications
