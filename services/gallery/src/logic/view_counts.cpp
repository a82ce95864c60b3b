#include "logic/view_counts.hpp"

#include "strangeprompt/db/statements.hpp"
#include "strangeprompt/service/consumed_event.hpp"

namespace sp::gallery {
namespace {

constexpr const char* kRaiseViews =
    "UPDATE posts SET view_count = ? WHERE id = ? AND view_count < ?";

}  // namespace

Result<bool> ViewCounts::raise(int64_t post_id, int64_t views) {
  bool changed = false;
  SP_TRY(ctx_.store.database().transact([&](db::Session& tx) -> Status {
    SP_ASSIGN_OR_RETURN(changed, db::changed_one(tx, kRaiseViews, {views, post_id, views}));
    if (changed) SP_TRY(ctx_.store.refresh_hot(tx, post_id));
    return ok_status();
  }));
  return changed;
}

Status ViewCounts::on_post_views(const events::Record& record) {
  auto event = service::read_event("gallery", record);
  if (!event) return ok_status();
  http::JsonBody& d = event->data;
  const int64_t post = d.required_id("postId");
  const int64_t views = d.required_int("views", {.min = 0});
  d.optional_time("at");
  if (!service::valid("gallery", record, d)) return ok_status();
  Result<bool> raised = raise(post, views);
  if (!raised.ok()) return raised.error();
  return ok_status();
}

}  // namespace sp::gallery
