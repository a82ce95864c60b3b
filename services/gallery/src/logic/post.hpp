#pragma once
// The gallery's domain values: a post as written (PostDraft / PostChanges) and as read (PostView).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/patch.hpp"

namespace sp::gallery {

enum class ContentRating { kNone = 0, kSoft = 1, kMature = 2, kExplicit = 3 };
enum class Visibility { kPublic, kUnlisted, kPrivate, kDraft };

std::string_view to_string(ContentRating r);
std::string_view to_string(Visibility v);
std::optional<Visibility> visibility_from(std::string_view s);
std::optional<ContentRating> rating_from(std::string_view s);
// Only the author sees private and draft posts, anywhere.
inline bool author_only(Visibility v) {
  return v == Visibility::kPrivate || v == Visibility::kDraft;
}

struct Resource {
  std::string name;
  double weight = 1.0;
};

// Generation parameters; every member is optional (a prompt-only post has none).
struct GenerationParams {
  std::optional<std::string> tool, model_name, model_hash, sampler, scheduler, raw;
  std::optional<int64_t> steps, seed, width, height, clip_skip;
  std::optional<double> cfg, denoise;
  std::vector<Resource> resources;
};

// The `params` object as served: every member present, null when unknown.
std::string params_json(const GenerationParams& p);

struct PostDraft {
  std::string title;
  std::string prompt;
  std::string negative_prompt;
  GenerationParams params;
  std::vector<std::string> tags;  // normalised
  std::optional<std::string> category;
  ContentRating rating = ContentRating::kNone;
  Visibility visibility = Visibility::kPublic;
  std::vector<int64_t> images;  // media ids, opaque until the media service checks them
  std::optional<int64_t> remix_of;
  bool hide_params = false;
};

// A partial update: each member absent (unchanged), null (cleared, where allowed) or set.
struct PostChanges {
  Patch<std::string> title, prompt, negative_prompt;
  Patch<GenerationParams> params;
  Patch<std::vector<std::string>> tags;  // normalised
  Patch<std::string> category;
  Patch<ContentRating> rating;
  Patch<Visibility> visibility;
  Patch<std::vector<int64_t>> images;
  Patch<int64_t> remix_of;
  Patch<bool> hide_params;
};

struct AuthorCard {
  int64_t user_id = 0;
  std::optional<std::string> handle;  // null until the author's sign-up event arrived
  std::optional<std::string> display_name;
  std::optional<std::string> avatar;      // a media id
  std::optional<std::string> avatar_url;  // its image (profile.updated's avatarUrl)
};

// A stored post with its author card and counts, as a viewer reads it.
struct PostView {
  int64_t id = 0;
  AuthorCard author;
  std::string title, prompt, negative_prompt;
  std::string params_json;  // the served object
  std::string base_model;
  std::string tags_json;  // the served array
  std::optional<std::string> category;
  ContentRating rating = ContentRating::kNone;
  Visibility visibility = Visibility::kPublic;
  std::string images_json;  // the served array of id strings
  std::vector<int64_t> image_ids;
  // The served `media` array (store/media_items.hpp attach_media), in the order of images.
  std::string media_json = "[]";
  std::optional<int64_t> remix_of;
  bool hide_params = false;
  int64_t like_count = 0, comment_count = 0, view_count = 0;
  double hot = 0;
  int64_t created_at_ms = 0;
  std::optional<int64_t> published_at_ms;
  bool liked_by_me = false;
  // The post view only (not lists): the diff against the parent when the viewer can see it.
  std::optional<std::string> remix_diff_json;
};

struct CommentView {
  int64_t id = 0;
  int64_t post_id = 0;
  AuthorCard author;
  std::string body;
  int64_t created_at_ms = 0;
};

}  // namespace sp::gallery

namespace sp::gallery {
// ["1","2"] and ["a","b"]: the served forms of id and tag lists.
std::string ids_json(const std::vector<int64_t>& ids);
std::string strings_json(const std::vector<std::string>& values);
}  // namespace sp::gallery
