#include "logic/engagement.hpp"

#include "logic/gallery_events.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace sp::gallery {
namespace {

// The post as `viewer` may see it (author-only posts only for their author), else kNotFound.
Result<PostView> visible_post(GalleryContext& ctx, db::Executor& ex, int64_t viewer,
                              int64_t post_id) {
  SP_ASSIGN_OR_RETURN(auto post, ctx.store.find_post(ex, viewer, post_id));
  if (!post || (author_only(post->visibility) && post->author.user_id != viewer)) {
    return Error::not_found("post not found");
  }
  return std::move(*post);
}

}  // namespace

Result<LikeState> Likes::set(int64_t user, int64_t post_id, bool liked) {
  LikeState state;
  SP_TRY(ctx_.store.database().transact([&](db::Session& tx) -> Status {
    SP_ASSIGN_OR_RETURN(PostView post, visible_post(ctx_, tx, user, post_id));
    SP_ASSIGN_OR_RETURN(bool changed, liked ? ctx_.store.add_like(tx, post_id, user, ctx_.now_ms())
                                            : ctx_.store.remove_like(tx, post_id, user));
    if (changed) {
      SP_TRY(ctx_.store.refresh_hot(tx, post_id));
      SP_TRY(
          events::Outbox::enqueue(tx, like_event(ctx_, post_id, user, post.author.user_id, liked)));
    }
    SP_ASSIGN_OR_RETURN(auto after, ctx_.store.find_post(tx, user, post_id));
    state = {.liked = after && after->liked_by_me, .like_count = after ? after->like_count : 0};
    return ok_status();
  }));
  return state;
}

Result<CommentView> Comments::create(int64_t user, int64_t post_id, const std::string& body) {
  SP_ASSIGN_OR_RETURN(cache::Decision decision,
                      limiter_->acquire("gallery.comment:" + id_to_string(user), limit_));
  if (!decision.allowed) {
    Error e{ErrorCode::kRateLimited, "too many comments; try again later"};
    e.retry_after_seconds =
        static_cast<int>(std::max<int64_t>(1, (decision.retry_after.count() + 999) / 1000));
    return e;
  }
  const int64_t id = ctx_.ids.next();
  SP_TRY(ctx_.store.database().transact([&](db::Session& tx) -> Status {
    SP_ASSIGN_OR_RETURN(PostView post, visible_post(ctx_, tx, user, post_id));
    SP_ASSIGN_OR_RETURN(bool blocked, ctx_.store.blocked(tx, post.author.user_id, user));
    if (blocked) return Error::forbidden("the author of this post does not accept your comments");
    SP_TRY(ctx_.store.insert_comment(tx, id, post_id, user, body, ctx_.now_ms()));
    SP_TRY(ctx_.store.refresh_hot(tx, post_id));
    return events::Outbox::enqueue(
        tx, comment_event(ctx_, id, post_id, user, post.author.user_id, body));
  }));
  SP_ASSIGN_OR_RETURN(auto comment, ctx_.store.find_comment(ctx_.store.database(), id));
  if (!comment) return Error::not_found("comment not found");  // deleted in between
  return std::move(*comment);
}

Result<std::vector<CommentView>> Comments::list(int64_t viewer, int64_t post_id, int64_t after_id,
                                                std::size_t limit) {
  SP_TRY(visible_post(ctx_, ctx_.store.database(), viewer, post_id));
  return ctx_.store.comments(post_id, after_id, limit);
}

Status Comments::remove(int64_t caller, int64_t comment_id) {
  return ctx_.store.database().transact([&](db::Session& tx) -> Status {
    SP_ASSIGN_OR_RETURN(auto comment, ctx_.store.find_comment(tx, comment_id));
    if (!comment) return Error::not_found("comment not found");
    auto post = visible_post(ctx_, tx, caller, comment->post_id);
    if (!post.ok()) return Error::not_found("comment not found");
    if (caller != comment->author.user_id && caller != post->author.user_id) {
      return Error::forbidden("only the comment's author or the post's author may delete it");
    }
    SP_TRY(ctx_.store.delete_comment(tx, comment_id, comment->post_id));
    SP_TRY(ctx_.store.refresh_hot(tx, comment->post_id));
    return ok_status();
  });
}

}  // namespace sp::gallery
