#include "handlers/post_body.hpp"

#include "logic/post_rules.hpp"
#include "strangeprompt/core/id.hpp"

namespace sp::gallery {
namespace {

constexpr http::TextRule kTitle{.min_chars = 1, .max_chars = 200};
constexpr http::TextRule kPrompt{.min_chars = 1, .max_chars = 10'000};
constexpr http::TextRule kNegative{.max_chars = 10'000};
constexpr http::TextRule kName{.max_chars = 200};
constexpr http::TextRule kShort{.max_chars = 64};
constexpr http::ListRule kTags{.max_items = kMaxTags, .item = {.min_chars = 1, .max_chars = 64}};
constexpr http::ListRule kImages{.max_items = 20, .item = {.min_chars = 1, .max_chars = 20}};

const http::Choices<ContentRating> kRatings{{"none", ContentRating::kNone},
                                            {"soft", ContentRating::kSoft},
                                            {"mature", ContentRating::kMature},
                                            {"explicit", ContentRating::kExplicit}};
const http::Choices<Visibility> kVisibilities{{"public", Visibility::kPublic},
                                              {"unlisted", Visibility::kUnlisted},
                                              {"private", Visibility::kPrivate},
                                              {"draft", Visibility::kDraft}};

GenerationParams read_params(http::JsonFields f) {
  GenerationParams p;
  p.tool = f.optional_string("tool", kShort);
  if (auto model = f.optional_object("model")) {
    p.model_name = model->optional_string("name", kName);
    p.model_hash = model->optional_string("hash", kShort);
  }
  p.sampler = f.optional_string("sampler", kShort);
  p.scheduler = f.optional_string("scheduler", kShort);
  p.steps = f.optional_int("steps", {.min = 1, .max = 1000});
  p.cfg = f.optional_double("cfg", {.min = 0, .max = 100});
  p.seed = f.optional_int("seed", {.min = -1});
  p.width = f.optional_int("width", {.min = 1, .max = 16'384});
  p.height = f.optional_int("height", {.min = 1, .max = 16'384});
  p.clip_skip = f.optional_int("clipSkip", {.min = 1, .max = 24});
  p.denoise = f.optional_double("denoise", {.min = 0, .max = 1});
  for (http::JsonFields r : f.object_list("resources", {.max_items = 50})) {
    p.resources.push_back({r.required_string("name", kName),
                           r.optional_double("weight", {.min = -10, .max = 10}).value_or(1.0)});
  }
  p.raw = f.optional_string("raw", {.max_chars = 20'000});
  return p;
}

// Normalised tags; a tag with nothing left after normalisation is an error at its index.
std::vector<std::string> normalised(http::JsonFields& f, const std::vector<std::string>& raw) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (!normalise_tag(raw[i])) {
      f.reject("tags", "item " + std::to_string(i) + " has no letters or digits");
    }
  }
  return normalise_tags(raw);
}

std::vector<int64_t> image_ids(http::JsonFields& f, const std::vector<std::string>& raw) {
  std::vector<int64_t> ids;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (auto id = parse_id(raw[i])) {
      ids.push_back(*id);
    } else {
      f.reject("images", "item " + std::to_string(i) + " is not an id");
    }
  }
  return ids;
}

}  // namespace

PostDraft read_post_draft(http::JsonBody& body) {
  PostDraft d;
  d.title = body.required_string("title", kTitle);
  d.prompt = body.required_string("prompt", kPrompt);
  d.negative_prompt = body.optional_string("negativePrompt", kNegative).value_or("");
  if (auto params = body.optional_object("params")) d.params = read_params(*params);
  d.tags = normalised(body, body.optional_string_list("tags", kTags));
  d.category = body.optional_string("category", kShort);
  d.rating = body.optional_enum("contentRating", kRatings).value_or(ContentRating::kNone);
  d.visibility = body.optional_enum("visibility", kVisibilities).value_or(Visibility::kPublic);
  d.images = image_ids(body, body.optional_string_list("images", kImages));
  d.remix_of = body.optional_id("remixOf");
  d.hide_params = body.optional_bool("hideParams", false);
  return d;
}

PostChanges read_post_changes(http::JsonBody& body) {
  PostChanges c;
  c.title = body.patch_string("title", kTitle);
  if (c.title.is_clear()) body.reject("title", "cannot be null");
  c.prompt = body.patch_string("prompt", kPrompt);
  if (c.prompt.is_clear()) body.reject("prompt", "cannot be null");
  c.negative_prompt = body.patch_string("negativePrompt", kNegative);
  if (body.presence("params") == http::JsonFields::Presence::kNull) {
    c.params = Patch<GenerationParams>::clear();
  } else if (auto params = body.optional_object("params")) {
    c.params = Patch<GenerationParams>::set(read_params(*params));
  }
  auto tags = body.patch_string_list("tags", kTags);
  if (tags.is_set()) c.tags = Patch<std::vector<std::string>>::set(normalised(body, tags.value()));
  if (tags.is_clear()) c.tags = Patch<std::vector<std::string>>::clear();
  c.category = body.patch_string("category", kShort);
  c.rating = body.patch_enum("contentRating", kRatings);
  if (c.rating.is_clear()) body.reject("contentRating", "cannot be null");
  c.visibility = body.patch_enum("visibility", kVisibilities);
  if (c.visibility.is_clear()) body.reject("visibility", "cannot be null");
  auto images = body.patch_string_list("images", kImages);
  if (images.is_set()) c.images = Patch<std::vector<int64_t>>::set(image_ids(body, images.value()));
  if (images.is_clear()) c.images = Patch<std::vector<int64_t>>::clear();
  c.remix_of = body.patch_id("remixOf");
  c.hide_params = body.patch_bool("hideParams");
  if (c.hide_params.is_clear()) body.reject("hideParams", "cannot be null");
  return c;
}

}  // namespace sp::gallery
