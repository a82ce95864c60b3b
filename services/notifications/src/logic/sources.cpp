#include "logic/sources.hpp"

#include "logic/mail_outbox.hpp"
#include "logic/rules.hpp"
#include "mail/templates.hpp"

namespace sp::notifications {

Status NotificationSources::handle_once(
    const EventMeta& e,
    const std::function<Status(NotificationWrites&, std::vector<int64_t>&)>& body) {
  std::vector<int64_t> recipients;
  {
    std::lock_guard order(ctx_.write_order);
    SP_TRY(ctx_.store.transact([&](NotificationWrites& tx) -> Status {
      recipients.clear();
      SP_ASSIGN_OR_RETURN(bool first, tx.first_sight(e.event_id, ctx_.now_ms()));
      if (!first) return ok_status();
      return body(tx, recipients);
    }));
  }
  ctx_.hub.publish(recipients);
  return ok_status();
}

Notification NotificationSources::make(int64_t user, std::string_view kind,
                                       std::string_view subject_type, int64_t subject_id,
                                       std::string title, std::vector<int64_t> actors,
                                       int64_t actor_count) {
  return Notification{.id = ctx_.ids.next(),
                      .user_id = user,
                      .kind = std::string(kind),
                      .subject_type = std::string(subject_type),
                      .subject_id = subject_id,
                      .subject_title = std::move(title),
                      .actor_ids = std::move(actors),
                      .actor_count = actor_count,
                      .group_key = std::nullopt,
                      .read = false,
                      .created_at_ms = ctx_.now_ms()};
}

Status NotificationSources::on_signup(const EventMeta& e, int64_t user, std::string_view handle,
                                      std::string_view email, std::string_view verification_token) {
  return handle_once(e, [&](NotificationWrites& tx, std::vector<int64_t>& to) -> Status {
    SP_ASSIGN_OR_RETURN(bool deleted, tx.is_deleted(user));
    if (deleted) return ok_status();
    SP_ASSIGN_OR_RETURN(std::optional<Actor> known, tx.actor(user));
    Actor actor = known.value_or(Actor{.id = user,
                                       .handle = std::string(handle),
                                       .display_name = std::string(handle),
                                       .avatar = std::nullopt});
    SP_TRY(tx.upsert_user(actor, email));
    SP_TRY(tx.insert(make(user, "welcome", "user", user, std::string(handle), {}, 0)));
    to.push_back(user);
    if (verification_token.empty()) return ok_status();
    const std::string link =
        ctx_.mail.public_base_url + "/verify-email?token=" + std::string(verification_token);
    return queue_mail(ctx_, tx, e.event_id + ":" + std::to_string(user) + ":email", user, email,
                      handle, mail::verification_mail(handle, link), {});
  });
}

Status NotificationSources::on_password_reset(const EventMeta& e, int64_t user,
                                              std::string_view handle, std::string_view email,
                                              std::string_view reset_token) {
  return handle_once(e, [&](NotificationWrites& tx, std::vector<int64_t>&) -> Status {
    SP_ASSIGN_OR_RETURN(bool deleted, tx.is_deleted(user));
    if (deleted) return ok_status();
    const std::string link =
        ctx_.mail.public_base_url + "/reset-password?token=" + std::string(reset_token);
    return queue_mail(ctx_, tx, e.event_id + ":" + std::to_string(user) + ":email", user, email,
                      handle, mail::reset_mail(handle, link), {});
  });
}

Status NotificationSources::on_profile_updated(const EventMeta& e, const Actor& actor) {
  return handle_once(e, [&](NotificationWrites& tx, std::vector<int64_t>&) -> Status {
    SP_ASSIGN_OR_RETURN(bool deleted, tx.is_deleted(actor.id));
    if (deleted) return ok_status();
    return tx.upsert_user(actor, std::nullopt);
  });
}

Status NotificationSources::on_preferences(const EventMeta& e, int64_t user,
                                           const Preferences& preferences) {
  return handle_once(e, [&](NotificationWrites& tx, std::vector<int64_t>&) -> Status {
    SP_ASSIGN_OR_RETURN(bool deleted, tx.is_deleted(user));
    if (deleted) return ok_status();
    SP_ASSIGN_OR_RETURN(Preferences before, tx.preferences(user));
    Preferences after = preferences;
    // Digests start at the first period boundary after the frequency was chosen.
    after.digest_since_ms = before.digest != after.digest ? ctx_.now_ms() : before.digest_since_ms;
    return tx.save_preferences(user, after);
  });
}

Status NotificationSources::on_follow(const EventMeta& e, int64_t follower, int64_t followee,
                                      bool following) {
  return handle_once(e, [&](NotificationWrites& tx, std::vector<int64_t>& to) -> Status {
    SP_ASSIGN_OR_RETURN(bool gone_a, tx.is_deleted(follower));
    SP_ASSIGN_OR_RETURN(bool gone_b, tx.is_deleted(followee));
    if (gone_a || gone_b) return ok_status();
    SP_TRY(tx.set_follow(follower, followee, following, ctx_.now_ms()));
    if (!following) return ok_status();
    SP_ASSIGN_OR_RETURN(Preferences prefs, tx.preferences(followee));
    if (!in_app_allowed(prefs, "follow")) return ok_status();
    SP_ASSIGN_OR_RETURN(std::optional<Actor> who, tx.actor(follower));
    SP_TRY(tx.insert(
        make(followee, "follow", "user", follower, who ? who->handle : "", {follower}, 1)));
    to.push_back(followee);
    return queue_notification_mail(
        ctx_, tx, e.event_id, followee, "follows",
        (who ? who->display_name : std::string("Someone")) + " started following you");
  });
}

Status NotificationSources::on_like(const EventMeta& e, int64_t post, int64_t liker, int64_t author,
                                    bool liked) {
  return handle_once(e, [&](NotificationWrites& tx, std::vector<int64_t>& to) -> Status {
    SP_ASSIGN_OR_RETURN(bool deleted, tx.is_deleted(author));
    if (deleted) return ok_status();
    SP_TRY(tx.note_post(post, author, std::nullopt, ctx_.now_ms()));
    SP_ASSIGN_OR_RETURN(bool changed, tx.set_like(post, liker, liked, ctx_.now_ms()));
    if (!changed || !liked) return ok_status();
    SP_ASSIGN_OR_RETURN(std::optional<PostFacts> facts, tx.post(post));
    if (!facts) return ok_status();
    SP_ASSIGN_OR_RETURN(Preferences prefs, tx.preferences(author));
    if (!in_app_allowed(prefs, "like")) return ok_status();
    bool wrote = false;
    if (liker != author) {
      const std::string group = like_group(post);
      SP_ASSIGN_OR_RETURN(std::optional<Notification> open, tx.unread_group(author, group));
      if (open) {
        Notification n = *open;
        n.id = ctx_.ids.next();
        n.actor_ids = with_actor(open->actor_ids, liker);
        n.actor_count = open->actor_count + 1;
        n.created_at_ms = ctx_.now_ms();
        SP_TRY(tx.reissue(open->id, n));
      } else {
        Notification n = make(author, "like", "post", post, facts->title, {liker}, 1);
        n.group_key = group;
        SP_TRY(tx.insert(n));
      }
      wrote = true;
    }
    if (auto m = milestone_reached(facts->milestone, facts->like_count)) {
      SP_TRY(tx.set_milestone(post, *m));
      SP_TRY(tx.insert(make(author, "like_milestone", "post", post, facts->title, {}, *m)));
      SP_TRY(queue_notification_mail(
          ctx_, tx, e.event_id, author, "likes",
          "\"" + facts->title + "\" reached " + std::to_string(*m) + " likes"));
      wrote = true;
    }
    if (wrote) to.push_back(author);
    return ok_status();
  });
}

Status NotificationSources::on_comment(const EventMeta& e, int64_t post, int64_t commenter,
                                       int64_t post_author) {
  return handle_once(e, [&](NotificationWrites& tx, std::vector<int64_t>& to) -> Status {
    SP_ASSIGN_OR_RETURN(bool deleted, tx.is_deleted(post_author));
    if (deleted || commenter == post_author) return ok_status();
    SP_TRY(tx.note_post(post, post_author, std::nullopt, ctx_.now_ms()));
    SP_ASSIGN_OR_RETURN(Preferences prefs, tx.preferences(post_author));
    if (!in_app_allowed(prefs, "comment")) return ok_status();
    SP_ASSIGN_OR_RETURN(std::optional<PostFacts> facts, tx.post(post));
    SP_TRY(tx.insert(
        make(post_author, "comment", "post", post, facts ? facts->title : "", {commenter}, 1)));
    to.push_back(post_author);
    SP_ASSIGN_OR_RETURN(std::optional<Actor> who, tx.actor(commenter));
    return queue_notification_mail(ctx_, tx, e.event_id, post_author, "comments",
                                   (who ? who->display_name : std::string("Someone")) +
                                       " commented on \"" +
                                       (facts ? facts->title : std::string("your post")) + "\"");
  });
}

Status NotificationSources::on_post_published(const EventMeta& e, int64_t post, int64_t author,
                                              std::string_view title,
                                              std::optional<int64_t> remix_of) {
  return handle_once(e, [&](NotificationWrites& tx, std::vector<int64_t>& to) -> Status {
    SP_ASSIGN_OR_RETURN(bool deleted, tx.is_deleted(author));
    if (deleted) return ok_status();
    SP_TRY(tx.note_post(post, author, title, ctx_.now_ms()));
    if (!title.empty()) SP_TRY(tx.title_notifications(post, title));
    SP_ASSIGN_OR_RETURN(std::vector<int64_t> followers, tx.followers_notified(author, "new_post"));
    std::vector<Notification> rows;
    rows.reserve(followers.size() + 1);
    for (int64_t follower : followers) {
      rows.push_back(make(follower, "new_post", "post", post, std::string(title), {author}, 1));
    }
    if (remix_of) {
      SP_ASSIGN_OR_RETURN(std::optional<PostFacts> original, tx.post(*remix_of));
      if (original && original->author_id != author) {
        SP_ASSIGN_OR_RETURN(Preferences prefs, tx.preferences(original->author_id));
        if (in_app_allowed(prefs, "remix")) {
          rows.push_back(
              make(original->author_id, "remix", "post", post, std::string(title), {author}, 1));
          SP_ASSIGN_OR_RETURN(std::optional<Actor> who, tx.actor(author));
          SP_TRY(queue_notification_mail(ctx_, tx, e.event_id, original->author_id, "remixes",
                                         (who ? who->display_name : std::string("Someone")) +
                                             " remixed \"" + original->title + "\""));
        }
      }
    }
    SP_TRY(tx.insert_many(rows));
    for (const auto& n : rows) to.push_back(n.user_id);
    return ok_status();
  });
}

Status NotificationSources::on_post_views(const EventMeta& e, int64_t post, int64_t views) {
  return handle_once(
      e, [&](NotificationWrites& tx, std::vector<int64_t>&) { return tx.set_views(post, views); });
}

Status NotificationSources::on_user_deleted(const EventMeta& e, int64_t user) {
  return handle_once(e, [&](NotificationWrites& tx, std::vector<int64_t>&) -> Status {
    return tx.remove_user(user);
  });
}

}  // namespace sp::notifications
