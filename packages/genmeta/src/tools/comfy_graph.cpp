#include "tools/comfy_graph.hpp"

#include <algorithm>
#include <array>

#include "tools/json_fields.hpp"

namespace sp::genmeta::detail {
namespace {

namespace json = boost::json;

constexpr size_t kMaxVisited = 512;

// Inputs that carry models, images or latents, never prompt text.
constexpr std::array<std::string_view, 16> kNotConditioning = {
    "clip",     "model",        "vae",    "clip_vision", "clip_vision_output",
    "image",    "images",       "pixels", "control_net", "latent",
    "samples",  "latent_image", "mask",   "style_model", "upscale_model",
    "ipadapter"};

constexpr std::array<std::string_view, 6> kTextKeys = {"text",   "text_g",         "text_l",
                                                       "prompt", "populated_text", "string"};

bool one_of(std::string_view s, auto const& list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

}  // namespace

bool ComfyGraph::is_link(const json::value& v) {
  const auto* a = v.if_array();
  return a && a->size() == 2 && ((*a)[0].is_string() || (*a)[0].is_number()) && (*a)[1].is_number();
}

const json::object* ComfyGraph::target(const json::value& link) const {
  if (!is_link(link)) return nullptr;
  const auto& id = link.as_array()[0];
  std::string key = id.is_string() ? std::string(id.as_string()) : *as_text(&id);
  auto it = nodes_.find(key);
  if (it == nodes_.end()) return nullptr;
  return it->value().if_object();
}

const json::object* ComfyGraph::inputs(const json::object& node) {
  auto it = node.find("inputs");
  return it == node.end() ? nullptr : it->value().if_object();
}

std::string_view ComfyGraph::class_type(const json::object& node) {
  auto it = node.find("class_type");
  if (it == node.end() || !it->value().is_string()) return {};
  return it->value().as_string();
}

const json::value* ComfyGraph::scalar(const json::value& v, int depth) const {
  if (!is_link(v)) return &v;
  if (depth <= 0) return nullptr;
  const auto* node = target(v);
  const auto* in = node ? inputs(*node) : nullptr;
  if (!in) return nullptr;
  for (std::string_view key : {"value", "seed", "noise_seed", "int", "float", "number", "Value",
                               "INT", "FLOAT", "string", "text"}) {
    auto it = in->find(key);
    if (it != in->end()) return scalar(it->value(), depth - 1);
  }
  if (in->size() == 1) return scalar(in->begin()->value(), depth - 1);  // reroute-like
  return nullptr;
}

std::optional<std::string> ComfyGraph::text(const json::value& v, int depth) const {
  if (const auto* s = v.if_string()) return std::string(*s);
  if (!is_link(v) || depth <= 0) return std::nullopt;
  const auto* node = target(v);
  const auto* in = node ? inputs(*node) : nullptr;
  if (!in) return std::nullopt;
  std::string_view type = class_type(*node);
  if (contains(type, "Concat") || contains(type, "Join") || contains(type, "Combine")) {
    std::string delimiter = ", ";
    for (std::string_view key : {"delimiter", "separator"}) {
      auto it = in->find(key);
      if (it != in->end() && it->value().is_string()) delimiter = it->value().as_string();
    }
    std::string joined;
    bool any = false;
    for (const auto& kv : *in) {
      if (kv.key() == "delimiter" || kv.key() == "separator" || kv.key() == "clean_whitespace")
        continue;
      auto part = text(kv.value(), depth - 1);
      if (!part || part->empty()) continue;
      if (any) joined += delimiter;
      joined += *part;
      any = true;
    }
    if (any) return joined;
    return std::nullopt;
  }
  for (std::string_view key : {"populated_text", "text", "string", "value", "prompt", "Text",
                               "STRING", "text_positive", "positive"}) {
    auto it = in->find(key);
    if (it != in->end()) return text(it->value(), depth - 1);
  }
  if (in->size() == 1) return text(in->begin()->value(), depth - 1);
  return std::nullopt;
}

std::vector<std::string> ComfyGraph::prompts(const json::value& link,
                                             std::string_view polarity) const {
  std::vector<const json::object*> seen;
  std::vector<std::string> out;
  collect_prompts(link, polarity, 32, seen, out);
  return out;
}

void ComfyGraph::collect_prompts(const json::value& link, std::string_view polarity, int depth,
                                 std::vector<const json::object*>& seen,
                                 std::vector<std::string>& out) const {
  if (depth <= 0 || seen.size() >= kMaxVisited) return;
  const auto* node = target(link);
  if (!node || std::find(seen.begin(), seen.end(), node) != seen.end()) return;
  seen.push_back(node);
  const auto* in = inputs(*node);
  if (!in) return;
  std::string_view other = polarity == "positive" ? "negative" : "positive";
  bool has_text = false;
  for (std::string_view key : kTextKeys) {
    auto it = in->find(key);
    if (it == in->end() || (key == "text_l" && in->contains("text_g"))) continue;
    if (key == "text" && in->contains("populated_text")) continue;
    if (auto t = text(it->value())) {
      has_text = true;
      t = std::string(trim(*t));  // editors leave trailing newlines
      if (!t->empty() && std::find(out.begin(), out.end(), *t) == out.end()) out.push_back(*t);
    }
  }
  // A loader that holds both prompts as strings (Efficient Loader and its kind).
  if (auto it = in->find(polarity); it != in->end() && it->value().is_string()) {
    has_text = true;
    std::string t(trim(std::string_view(it->value().as_string())));
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
  if (has_text) return;
  for (const auto& kv : *in) {
    std::string_view key = kv.key();
    if (key == other || one_of(key, kNotConditioning) || !is_link(kv.value())) continue;
    collect_prompts(kv.value(), polarity, depth - 1, seen, out);
  }
}

}  // namespace sp::genmeta::detail
