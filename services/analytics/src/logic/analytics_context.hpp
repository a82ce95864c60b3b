#pragma once
// What every analytics flow shares: the store, the clock and the id generator.
#include "store/analytics_store.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/id.hpp"

namespace sp::analytics {

inline constexpr std::string_view kViewBatchTopic = "analytics.view_batch";
inline constexpr std::string_view kPostViewsTopic = "analytics.post_views";
inline constexpr std::string_view kViewBatchesGroup = "analytics.view_batches.v1";
inline constexpr std::string_view kLikesGroup = "analytics.likes.v1";
inline constexpr std::string_view kCommentsGroup = "analytics.comments.v1";
inline constexpr std::string_view kPostsGroup = "analytics.posts.v1";
inline constexpr std::string_view kDeletionsGroup = "analytics.user_deleted.v1";

struct AnalyticsContext {
  AnalyticsStore& store;
  const Clock& clock;
  IdGenerator& ids;
};

}  // namespace sp::analytics
