#include "logic/profiles.hpp"

#include <algorithm>

#include "logic/profile_events.hpp"
#include "strangeprompt/core/strings.hpp"

namespace sp::profile {

std::string handle_key(std::string_view handle) {
  return to_lower_ascii(trim(handle));
}

Result<ProfileView> ProfileDirectory::view(std::string_view handle,
                                           std::optional<int64_t> viewer) const {
  ProfileReads reads = ctx_.store.reads();
  SP_ASSIGN_OR_RETURN(std::optional<Profile> found, reads.find_by_handle(handle_key(handle)));
  if (!found) return Error::not_found("profile not found");
  ProfileView out{.profile = std::move(*found), .relation = std::nullopt};
  if (viewer && *viewer != out.profile.user_id) {
    SP_ASSIGN_OR_RETURN(Relation relation, reads.relation(*viewer, out.profile.user_id));
    out.relation = relation;
  }
  return out;
}

Result<ProfileView> ProfileDirectory::view_own(int64_t user_id) const {
  SP_ASSIGN_OR_RETURN(std::optional<Profile> found, ctx_.store.reads().find_by_id(user_id));
  if (!found) return Error::not_found("profile not found");
  return ProfileView{.profile = std::move(*found), .relation = std::nullopt};
}

Result<Profile> ProfileDirectory::update(int64_t user_id, const ProfileChange& change) {
  Profile updated;
  SP_TRY(ctx_.store.transact([&](ProfileWrites& tx) -> Status {
    SP_ASSIGN_OR_RETURN(bool exists, tx.lock_profile(user_id));
    if (!exists) return Error::not_found("profile not found");
    SP_ASSIGN_OR_RETURN(std::optional<Profile> current, tx.find_by_id(user_id));
    if (!current) return Error::not_found("profile not found");
    updated = std::move(*current);
    if (!change.display_name.is_unchanged()) {
      updated.display_name = change.display_name.apply(std::nullopt).value_or(updated.handle);
      if (updated.display_name.empty()) updated.display_name = updated.handle;
    }
    if (!change.bio.is_unchanged()) updated.bio = change.bio.apply(std::nullopt).value_or("");
    if (change.avatar.is_set()) {
      SP_ASSIGN_OR_RETURN(std::optional<AvatarMedia> media, tx.avatar_media(change.avatar.value()));
      if (!media || media->owner_id != user_id || !media->usable) {
        Error e = Error::invalid("invalid request body");
        e.fields.push_back({"avatar", "must be a processed, approved image of yours"});
        return e;
      }
      updated.avatar_url = media->url;
    } else if (change.avatar.is_clear()) {
      updated.avatar_url = std::nullopt;
    }
    updated.avatar = change.avatar.apply(updated.avatar);
    if (!change.links.is_unchanged()) {
      updated.links = change.links.apply(std::nullopt).value_or(std::vector<std::string>{});
    }
    updated.updated_at_ms = ctx_.now_ms();
    SP_TRY(tx.update_profile(updated));
    return tx.enqueue(profile_updated_event(ctx_, updated));
  }));
  return updated;
}

Status ProfileDirectory::on_signup(int64_t user_id, std::string_view handle, int64_t joined_at_ms) {
  return ctx_.store.transact([&](ProfileWrites& tx) -> Status {
    SP_ASSIGN_OR_RETURN(bool deleted, tx.is_deleted_user(user_id));
    if (deleted) return ok_status();
    SP_ASSIGN_OR_RETURN(bool created, tx.insert_profile(user_id, handle_key(handle), joined_at_ms));
    if (!created) return ok_status();  // a repeated delivery
    SP_ASSIGN_OR_RETURN(std::optional<Profile> profile, tx.find_by_id(user_id));
    if (!profile) return Error::internal_error("profile vanished after insert");
    return tx.enqueue(profile_updated_event(ctx_, *profile));
  });
}

Status ProfileDirectory::on_media_processed(const AvatarMedia& media) {
  return ctx_.store.transact([&](ProfileWrites& tx) -> Status {
    SP_TRY(tx.save_avatar_media(media));
    // The owner's avatar: its image may have changed (approved, rejected in review), so the
    // services keeping a copy of the profile hear of it.
    SP_ASSIGN_OR_RETURN(std::optional<Profile> owner, tx.find_by_id(media.owner_id));
    if (!owner || owner->avatar != media.media_id) return ok_status();
    owner->avatar_url = media.usable ? media.url : std::nullopt;
    owner->updated_at_ms = std::max(owner->updated_at_ms, ctx_.now_ms());
    SP_TRY(tx.update_profile(*owner));
    return tx.enqueue(profile_updated_event(ctx_, *owner));
  });
}

Status ProfileDirectory::on_post_published(int64_t post_id, int64_t author_id) {
  return ctx_.store.transact([&](ProfileWrites& tx) -> Status {
    SP_TRY(tx.count_post(post_id, author_id));
    return ok_status();
  });
}

Status ProfileDirectory::on_user_deleted(int64_t user_id, int64_t deleted_at_ms) {
  return ctx_.store.transact([&](ProfileWrites& tx) -> Status {
    // Every profile whose counts change, locked in id order as FollowGraph locks pairs, so a
    // concurrent follow of an existing neighbour waits instead of deadlocking.
    SP_ASSIGN_OR_RETURN(std::vector<int64_t> locked, tx.neighbours(user_id));
    locked.push_back(user_id);
    std::sort(locked.begin(), locked.end());
    for (int64_t id : locked) SP_TRY(tx.lock_profile(id));
    return tx.remove_user(user_id, deleted_at_ms);
  });
}

}  // namespace sp::profile
