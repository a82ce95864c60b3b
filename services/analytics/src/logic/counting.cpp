#include "logic/counting.hpp"

#include "strangeprompt/core/json_writer.hpp"

namespace sp::analytics {
namespace {

constexpr std::size_t kMaxCachedAuthors = 200'000;
constexpr std::size_t kPublishBatch = 500;

}  // namespace

Status Counting::warm() {
  std::lock_guard lock(mu_);
  counter_.forget();
  return ctx_.store.each_recent_view(ctx_.clock.now_ms() - kRepeatWindowMs,
                                     [this](const std::string& viewer, int64_t post, int64_t at) {
                                       counter_.remember(viewer, post, at);
                                     });
}

std::optional<int64_t> Counting::author_of(int64_t post_id) {
  if (auto it = authors_.find(post_id); it != authors_.end()) return it->second;
  auto found = ctx_.store.post(post_id);
  if (!found.ok() || !*found) return std::nullopt;
  if (authors_.size() >= kMaxCachedAuthors) authors_.clear();
  authors_[post_id] = (*found)->author_id;
  return (*found)->author_id;
}

Status Counting::apply(const std::string& event_id, int64_t at_ms, CountPlan& plan,
                       const std::optional<PostMeta>& post) {
  std::vector<int64_t> ids;
  ids.reserve(plan.anomalies.size());
  for (std::size_t i = 0; i < plan.anomalies.size(); ++i) ids.push_back(ctx_.ids.next());
  auto applied = ctx_.store.apply(event_id, std::max(at_ms, ctx_.clock.now_ms()), plan, ids, post);
  if (!applied.ok()) return applied.error();
  return ok_status();
}

Status Counting::on_view_batch(const ViewBatch& batch) {
  std::lock_guard lock(mu_);
  SP_ASSIGN_OR_RETURN(bool seen, ctx_.store.seen(batch.event_id));
  if (seen) return ok_status();
  std::vector<ViewSignal> views;
  views.reserve(batch.views.size());
  for (const auto& [post, viewer] : batch.views) {
    views.push_back(ViewSignal{post, viewer, batch.address, batch.at_ms});
  }
  CountPlan plan;
  counter_.count(
      views, [this](int64_t post) { return author_of(post); }, plan);
  std::vector<int64_t> ids;
  for (std::size_t i = 0; i < plan.anomalies.size(); ++i) ids.push_back(ctx_.ids.next());
  auto applied = ctx_.store.apply(batch.event_id, ctx_.clock.now_ms(), plan, ids);
  if (!applied.ok() || !*applied) {
    // The memory ran ahead of the store (a failed write, or another replica applied the batch):
    // reload the truth; the detector starts over.
    counter_.forget();
    (void)ctx_.store.each_recent_view(ctx_.clock.now_ms() - kRepeatWindowMs,
                                      [this](const std::string& viewer, int64_t post, int64_t at) {
                                        counter_.remember(viewer, post, at);
                                      });
    if (!applied.ok()) return applied.error();
  }
  return ok_status();
}

Status Counting::on_like(const std::string& event_id, int64_t post, int64_t author, bool liked,
                         int64_t at_ms) {
  CountPlan plan;
  plan.add(post, author, at_ms, Counts{.likes = liked ? 1 : -1});
  return apply(event_id, at_ms, plan);
}

Status Counting::on_comment(const std::string& event_id, int64_t post, int64_t post_author,
                            int64_t at_ms) {
  CountPlan plan;
  plan.add(post, post_author, at_ms, Counts{.comments = 1});
  return apply(event_id, at_ms, plan);
}

Status Counting::on_published(const std::string& event_id, const PostMeta& post) {
  CountPlan plan;
  SP_TRY(apply(event_id, post.published_at_ms, plan, post));
  std::lock_guard lock(mu_);
  authors_[post.post_id] = post.author_id;
  return ok_status();
}

Status Counting::on_user_deleted(const std::string& event_id, int64_t user_id) {
  SP_TRY(ctx_.store.remove_user(event_id, user_id, ctx_.clock.now_ms()));
  std::lock_guard lock(mu_);
  counter_.forget_viewer("u:" + std::to_string(user_id));
  std::erase_if(authors_, [user_id](const auto& kv) { return kv.second == user_id; });
  return ok_status();
}

Result<int> Counting::publish_views() {
  int total = 0;
  for (;;) {
    SP_ASSIGN_OR_RETURN(
        int n,
        ctx_.store.publish_dirty(kPublishBatch, [this](int64_t post, int64_t views, int64_t at_ms) {
          return events::Envelope{
              .id = id_to_string(ctx_.ids.next()),
              .type = std::string(kPostViewsTopic),
              .version = 1,
              .occurred_at_ms = ctx_.clock.now_ms(),
              .key = id_to_string(post),
              .data_json =
                  JsonObject().id("postId", post).integer("views", views).time("at", at_ms).str()};
        }));
    total += n;
    if (n < static_cast<int>(kPublishBatch)) return total;
  }
}

Status Counting::prune() {
  return ctx_.store.prune(ctx_.clock.now_ms());
}

}  // namespace sp::analytics
