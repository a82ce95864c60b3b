// Which tool wrote the file: first the PNG keywords that name their tool, then every other text
// (EXIF UserComment, JPEG COM, XMP, unknown keywords) sniffed by content. Nothing recognised:
// tool "unknown" with the most likely text as `raw`.
#include <array>

#include "tools/json_fields.hpp"
#include "tools/tools.hpp"

namespace sp::genmeta::detail {
namespace {

namespace json = boost::json;

std::optional<Generation> comfy(const std::string* prompt, const std::string* workflow) {
  if (prompt)
    if (auto doc = parse_json(*prompt))
      if (auto g = parse_comfy_prompt(*doc)) {
        g->raw = *prompt;
        return g;
      }
  if (workflow)
    if (auto doc = parse_json(*workflow))
      if (auto g = parse_comfy_workflow(*doc)) {
        g->raw = *workflow;
        return g;
      }
  return std::nullopt;
}

bool looks_like_api_graph(const json::value& doc) {
  const auto* o = doc.if_object();
  if (!o || o->empty()) return false;
  for (const auto& kv : *o)
    if (const auto* n = kv.value().if_object(); n && n->contains("class_type")) return true;
  return false;
}

std::optional<Generation> from_json_text(const json::value& doc) {
  if (auto g = parse_swarmui(doc)) return g;
  if (auto g = parse_fooocus(doc)) return g;
  if (looks_like_api_graph(doc)) return parse_comfy_prompt(doc);
  if (member(doc, {"nodes"}) && member(doc, {"links"})) return parse_comfy_workflow(doc);
  if (const auto* comment = member(doc, {"comment"}); comment && comment->is_string()) {
    // NovelAI WebP: the PNG text fields as one JSON object in the EXIF UserComment.
    if (auto inner = parse_json(std::string_view(comment->as_string()))) {
      auto description = as_text(member(doc, {"description"}));
      auto source = as_text(member(doc, {"source"}));
      return parse_novelai(*inner, description ? &*description : nullptr,
                           source ? &*source : nullptr);
    }
  }
  if (const auto* p = member(doc, {"prompt"}); p && p->is_object()) return parse_comfy_prompt(*p);
  if (const auto* p = member(doc, {"prompt"}); p && p->is_string())
    if (auto inner = parse_json(std::string_view(p->as_string()))) return from_json_text(*inner);
  if (member(doc, {"positiveprompt"})) return parse_invokeai_metadata(doc);
  if (member(doc, {"uc"}) && member(doc, {"scale"})) return parse_novelai(doc, nullptr, nullptr);
  return std::nullopt;
}

// Any text that might be generation parameters, whatever carried it.
std::optional<Generation> from_text(std::string_view text) {
  std::string_view t = trim(text);
  for (std::string_view prefix : {"prompt:", "Prompt:", "workflow:", "Workflow:"}) {
    if (t.starts_with(prefix) && t.size() > prefix.size() && t[prefix.size()] == '{') {
      t.remove_prefix(prefix.size());
      break;
    }
  }
  if (auto doc = parse_json(t)) {
    if (auto g = from_json_text(*doc)) {
      g->raw = std::string(text);
      return g;
    }
    return std::nullopt;
  }
  if (auto g = parse_a1111(text)) return g;
  if (auto g = parse_invokeai_dream(text); g && g->steps) return g;
  return std::nullopt;
}

std::optional<Generation> from_keywords(const Carriers& c) {
  const std::string* parameters = c.find("parameters");
  const std::string* prompt = c.find("prompt");
  const std::string* workflow = c.find("workflow");
  if (const auto* sui = c.find("sui_image_params")) {
    if (auto doc = parse_json(*sui)) {
      json::object wrapped;
      wrapped["sui_image_params"] = *doc;
      if (auto g = parse_swarmui(wrapped)) {
        g->raw = *sui;
        return g;
      }
    }
  }
  if (parameters) {
    if (auto g = from_text(*parameters)) {
      // ComfyUI image savers write an A1111-style summary beside the graph.
      if (g->tool == "AUTOMATIC1111" && (prompt || workflow)) {
        g->tool = "ComfyUI";
        if (auto graph = comfy(prompt, workflow)) g->fill_from(*graph);
      }
      return g;
    }
  }
  if (auto g = comfy(prompt, workflow)) return g;
  if (const auto* m = c.find("invokeai_metadata"))
    if (auto doc = parse_json(*m))
      if (auto g = parse_invokeai_metadata(*doc)) {
        g->raw = *m;
        return g;
      }
  if (const auto* m = c.find("invokeai_graph"))
    if (auto doc = parse_json(*m))
      if (auto g = parse_invokeai_graph(*doc)) {
        g->raw = *m;
        return g;
      }
  if (const auto* m = c.find("sd-metadata"))
    if (auto doc = parse_json(*m))
      if (auto g = parse_invokeai_sd_metadata(*doc)) {
        g->raw = *m;
        return g;
      }
  if (const auto* dream = c.find("Dream"))
    if (auto g = parse_invokeai_dream(*dream)) return g;
  if (const auto* comment = c.find("Comment"))
    if (auto doc = parse_json(*comment))
      if (auto g = parse_novelai(*doc, c.find("Description"), c.find("Source"))) {
        g->raw = *comment;
        return g;
      }
  return std::nullopt;
}

const std::string* likely_raw(const Carriers& c) {
  for (std::string_view key : {"parameters", "prompt", "workflow", "Comment", "exif:UserComment",
                               "jpeg:COM", "xmp", "Description"}) {
    if (const auto* t = c.find(key); t && !trim(*t).empty()) return t;
  }
  return nullptr;
}

}  // namespace

bool is_generation_text(std::string_view text) {
  return from_text(text).has_value();
}

Generation recognise(const Carriers& c) {
  if (auto g = from_keywords(c)) return *g;
  for (const auto& t : c.texts) {
    if (t.key.starts_with("date:") || t.key == "Software" || t.key == "Title") continue;
    if (auto g = from_text(t.value)) return *g;
  }
  Generation unknown;
  if (const auto* raw = likely_raw(c)) unknown.raw = *raw;
  return unknown;
}

}  // namespace sp::genmeta::detail
