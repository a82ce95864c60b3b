#include "logic/post.hpp"

#include "strangeprompt/core/json_writer.hpp"

namespace sp::gallery {
namespace {

void text_or_null(JsonWriter& w, std::string_view name, const std::optional<std::string>& v) {
  w.key(name);
  if (v) {
    w.string(*v);
  } else {
    w.null();
  }
}
void int_or_null(JsonWriter& w, std::string_view name, const std::optional<int64_t>& v) {
  w.key(name);
  if (v) {
    w.integer(*v);
  } else {
    w.null();
  }
}
void number_or_null(JsonWriter& w, std::string_view name, const std::optional<double>& v) {
  w.key(name);
  if (v) {
    w.number(*v);
  } else {
    w.null();
  }
}

}  // namespace

std::string_view to_string(ContentRating r) {
  switch (r) {
    case ContentRating::kNone:
      return "none";
    case ContentRating::kSoft:
      return "soft";
    case ContentRating::kMature:
      return "mature";
    case ContentRating::kExplicit:
      return "explicit";
  }
  return "none";
}

std::string_view to_string(Visibility v) {
  switch (v) {
    case Visibility::kPublic:
      return "public";
    case Visibility::kUnlisted:
      return "unlisted";
    case Visibility::kPrivate:
      return "private";
    case Visibility::kDraft:
      return "draft";
  }
  return "private";
}

std::optional<Visibility> visibility_from(std::string_view s) {
  for (Visibility v :
       {Visibility::kPublic, Visibility::kUnlisted, Visibility::kPrivate, Visibility::kDraft}) {
    if (to_string(v) == s) return v;
  }
  return std::nullopt;
}

std::optional<ContentRating> rating_from(std::string_view s) {
  for (ContentRating r : {ContentRating::kNone, ContentRating::kSoft, ContentRating::kMature,
                          ContentRating::kExplicit}) {
    if (to_string(r) == s) return r;
  }
  return std::nullopt;
}

std::string params_json(const GenerationParams& p) {
  JsonWriter w;
  w.begin_object();
  text_or_null(w, "tool", p.tool);
  w.key("model").begin_object();
  text_or_null(w, "name", p.model_name);
  text_or_null(w, "hash", p.model_hash);
  w.end_object();
  text_or_null(w, "sampler", p.sampler);
  text_or_null(w, "scheduler", p.scheduler);
  int_or_null(w, "steps", p.steps);
  number_or_null(w, "cfg", p.cfg);
  int_or_null(w, "seed", p.seed);
  int_or_null(w, "width", p.width);
  int_or_null(w, "height", p.height);
  int_or_null(w, "clipSkip", p.clip_skip);
  number_or_null(w, "denoise", p.denoise);
  w.key("resources").begin_array();
  for (const Resource& r : p.resources) {
    w.begin_object().key("name").string(r.name).key("weight").number(r.weight).end_object();
  }
  w.end_array();
  text_or_null(w, "raw", p.raw);
  w.end_object();
  return std::move(w).take();
}

}  // namespace sp::gallery

namespace sp::gallery {

std::string ids_json(const std::vector<int64_t>& ids) {
  JsonWriter w;
  w.begin_array();
  for (int64_t id : ids) w.id(id);
  w.end_array();
  return std::move(w).take();
}

std::string strings_json(const std::vector<std::string>& values) {
  JsonWriter w;
  w.strings(values);
  return std::move(w).take();
}

}  // namespace sp::gallery
