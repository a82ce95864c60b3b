#include "logic/posts.hpp"

#include "logic/gallery_events.hpp"
#include "logic/remix_diff.hpp"
#include "logic/similarity.hpp"
#include "store/media_items.hpp"

#include <algorithm>
#include <set>
#include "strangeprompt/events/outbox.hpp"

namespace sp::gallery {
namespace {

Error remix_error() {
  Error e = Error::invalid("invalid request body");
  e.fields.push_back({"remixOf", "is not a post you can see"});
  return e;
}

// Images the gallery already knows (from media.processed) must be the author's own and not
// failed or rejected; unknown ids are accepted (their event may not have arrived yet) and are
// checked again on every read (store/media_items.hpp attach_media leaves foreign media out).
Status check_images(db::Executor& ex, int64_t author, const std::vector<int64_t>& images) {
  if (images.empty()) return ok_status();
  SP_ASSIGN_OR_RETURN(auto known, find_media_items(ex, images));
  Error e = Error::invalid("invalid request body");
  for (std::size_t i = 0; i < images.size(); ++i) {
    auto it = known.find(images[i]);
    if (it == known.end()) continue;
    const std::string field = "images." + std::to_string(i);
    if (it->second.owner_id != author) {
      e.fields.push_back({field, "is not your media"});
    } else if (it->second.status == "failed" || it->second.status == "rejected") {
      e.fields.push_back({field, "is " + it->second.status + " media"});
    }
  }
  if (e.fields.empty()) return ok_status();
  return e;
}

bool visible_to(const PostView& post, int64_t viewer) {
  return !author_only(post.visibility) || post.author.user_id == viewer;
}

}  // namespace

Status Posts::check_remix_of(db::Executor& ex, int64_t caller, int64_t remix_of,
                             int64_t self) const {
  if (remix_of == self) return remix_error();
  SP_ASSIGN_OR_RETURN(auto parent, ctx_.store.find_post(ex, caller, remix_of));
  if (!parent || !visible_to(*parent, caller)) return remix_error();
  return ok_status();
}

Result<PostView> Posts::create(int64_t author, const PostDraft& draft) {
  const int64_t id = ctx_.ids.next();
  const int64_t now = ctx_.now_ms();
  const bool is_public = draft.visibility == Visibility::kPublic;
  SP_TRY(ctx_.store.database().transact([&](db::Session& tx) -> Status {
    if (draft.remix_of) SP_TRY(check_remix_of(tx, author, *draft.remix_of));
    SP_TRY(check_images(tx, author, draft.images));
    SP_TRY(ctx_.store.insert_post(tx, id, author, draft, now,
                                  is_public ? std::optional<int64_t>(now) : std::nullopt));
    if (!is_public) return ok_status();
    return events::Outbox::enqueue(
        tx, post_published_event(ctx_, id, author, draft.title, draft.tags, draft.params.model_name,
                                 draft.remix_of, draft.images));
  }));
  return get(author, id);
}

Result<PostView> Posts::get(int64_t viewer, int64_t post_id) const {
  SP_ASSIGN_OR_RETURN(auto post, ctx_.store.find_post(ctx_.store.database(), viewer, post_id));
  if (!post || !visible_to(*post, viewer)) return Error::not_found("post not found");
  if (post->remix_of) {
    SP_ASSIGN_OR_RETURN(auto parent,
                        ctx_.store.find_post(ctx_.store.database(), viewer, *post->remix_of));
    if (parent && visible_to(*parent, viewer)) {
      // Hidden parameters stay hidden: no params diff when either side hides them from viewer.
      const bool hidden = (parent->hide_params && parent->author.user_id != viewer) ||
                          (post->hide_params && post->author.user_id != viewer);
      post->remix_diff_json = remix_diff_json(
          parent->prompt, post->prompt, parent->negative_prompt, post->negative_prompt,
          hidden ? "{}" : parent->params_json, hidden ? "{}" : post->params_json);
    }
  }
  return std::move(*post);
}

Result<std::vector<PostView>> Posts::similar(int64_t viewer, int64_t post_id,
                                             std::size_t limit) const {
  SP_ASSIGN_OR_RETURN(PostView post, get(viewer, post_id));
  FeedQuery pool{.viewer = viewer, .sort = FeedSort::kNew, .limit = kSimilarPool};
  SP_ASSIGN_OR_RETURN(std::vector<PostView> candidates, ctx_.store.feed(pool));
  const std::set<std::string> words = prompt_words(post.prompt);
  std::vector<std::pair<double, PostView>> scored;
  for (PostView& c : candidates) {
    if (c.id == post.id) continue;
    const double score = jaccard(words, prompt_words(c.prompt));
    if (score >= 0.1) scored.emplace_back(score, std::move(c));
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<PostView> out;
  for (std::size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(scored[i].second);
  return out;
}

Result<std::vector<PostView>> Posts::remixes(int64_t viewer, int64_t post_id, int64_t after_id,
                                             std::size_t limit) const {
  SP_TRY(get(viewer, post_id));
  return ctx_.store.remixes(viewer, post_id, after_id, limit);
}

Result<PostView> Posts::owned(db::Executor& ex, int64_t caller, int64_t post_id) const {
  SP_ASSIGN_OR_RETURN(auto post, ctx_.store.find_post(ex, caller, post_id));
  if (!post || !visible_to(*post, caller)) return Error::not_found("post not found");
  if (post->author.user_id != caller) {
    return Error::forbidden("only the author may change this post");
  }
  return std::move(*post);
}

Result<PostView> Posts::update(int64_t caller, int64_t post_id, const PostChanges& c) {
  const int64_t now = ctx_.now_ms();
  SP_TRY(ctx_.store.database().transact([&](db::Session& tx) -> Status {
    SP_ASSIGN_OR_RETURN(PostView post, owned(tx, caller, post_id));
    const bool was_public = post.visibility == Visibility::kPublic;
    const std::string images_before = post.images_json;
    if (c.remix_of.is_set()) SP_TRY(check_remix_of(tx, caller, c.remix_of.value(), post_id));
    if (c.title.is_set()) post.title = c.title.value();
    if (c.prompt.is_set()) post.prompt = c.prompt.value();
    if (!c.negative_prompt.is_unchanged())
      post.negative_prompt = c.negative_prompt.apply({}).value_or("");
    post.category = c.category.apply(post.category);
    if (c.rating.is_set()) post.rating = c.rating.value();
    if (c.visibility.is_set()) post.visibility = c.visibility.value();
    if (!c.images.is_unchanged()) {
      const std::vector<int64_t> images = c.images.apply({}).value_or(std::vector<int64_t>{});
      SP_TRY(check_images(tx, caller, images));
      post.images_json = ids_json(images);
    }
    post.remix_of = c.remix_of.apply(post.remix_of);
    if (c.hide_params.is_set()) post.hide_params = c.hide_params.value();
    // Tags: the new list, or the stored one re-read from its served form.
    std::vector<std::string> tags;
    if (!c.tags.is_unchanged()) {
      tags = c.tags.apply({}).value_or(std::vector<std::string>{});
      post.tags_json = strings_json(tags);
    } else {
      SP_ASSIGN_OR_RETURN(tags, ctx_.store.tags_of(tx, post_id));
    }
    const bool first_publication =
        post.visibility == Visibility::kPublic && !post.published_at_ms.has_value();
    if (first_publication) post.published_at_ms = now;
    GenerationParams cleared;
    const GenerationParams* params = nullptr;
    if (c.params.is_set()) params = &c.params.value();
    if (c.params.is_clear()) params = &cleared;
    SP_TRY(ctx_.store.update_post(tx, post, c.tags.is_unchanged() ? nullptr : &tags, params, now));
    const bool is_public = post.visibility == Visibility::kPublic;
    if (first_publication) {
      SP_ASSIGN_OR_RETURN(std::optional<std::string> model, ctx_.store.model_of(tx, post_id));
      return events::Outbox::enqueue(
          tx, post_published_event(ctx_, post_id, caller, post.title, tags, model, post.remix_of,
                                   image_ids(post.images_json)));
    }
    // Public again, or public with other images: the media service's copy follows (no new
    // publication for followers). No longer public: withdrawn.
    if (is_public && (!was_public || post.images_json != images_before)) {
      return events::Outbox::enqueue(
          tx, post_revised_event(ctx_, post_id, caller, image_ids(post.images_json)));
    }
    if (was_public && !is_public) {
      return events::Outbox::enqueue(
          tx, post_withdrawn_event(ctx_, post_id, caller, WithdrawnBecause::kNotPublic));
    }
    return ok_status();
  }));
  return get(caller, post_id);
}

Status Posts::remove(int64_t caller, int64_t post_id) {
  return ctx_.store.database().transact([&](db::Session& tx) -> Status {
    SP_ASSIGN_OR_RETURN(PostView post, owned(tx, caller, post_id));
    SP_TRY(ctx_.store.delete_post(tx, post.id));
    if (post.visibility != Visibility::kPublic) return ok_status();
    return events::Outbox::enqueue(
        tx, post_withdrawn_event(ctx_, post.id, caller, WithdrawnBecause::kDeleted));
  });
}

}  // namespace sp::gallery
