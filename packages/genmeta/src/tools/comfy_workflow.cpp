// ComfyUI's UI graph (`workflow`) rewritten as an API graph: link ids resolved to
// ["<origin id>", slot], positional widget values named from a table of the common nodes, and
// primitive nodes given a "value" input. Reroutes stay as one-input nodes, which the tracer
// passes through. Group nodes of the UI graph are not expanded (their API form is).
#include <map>
#include <vector>

#include "tools/json_fields.hpp"
#include "tools/tools.hpp"

namespace sp::genmeta::detail {
namespace {

namespace json = boost::json;

constexpr size_t kMaxNodes = 4096;

const std::map<std::string_view, std::vector<std::string_view>>& widget_names() {
  static const std::map<std::string_view, std::vector<std::string_view>> kNames = {
      {"KSampler",
       {"seed", "control_after_generate", "steps", "cfg", "sampler_name", "scheduler", "denoise"}},
      {"KSamplerAdvanced",
       {"add_noise", "noise_seed", "control_after_generate", "steps", "cfg", "sampler_name",
        "scheduler", "start_at_step", "end_at_step", "return_with_leftover_noise"}},
      {"KSampler (Efficient)",
       {"seed", "control_after_generate", "steps", "cfg", "sampler_name", "scheduler", "denoise"}},
      {"CLIPTextEncode", {"text"}},
      {"CLIPTextEncodeSDXL",
       {"width", "height", "crop_w", "crop_h", "target_width", "target_height", "text_g",
        "text_l"}},
      {"CheckpointLoaderSimple", {"ckpt_name"}},
      {"CheckpointLoader", {"config_name", "ckpt_name"}},
      {"unCLIPCheckpointLoader", {"ckpt_name"}},
      {"UNETLoader", {"unet_name", "weight_dtype"}},
      {"EmptyLatentImage", {"width", "height", "batch_size"}},
      {"EmptySD3LatentImage", {"width", "height", "batch_size"}},
      {"LatentUpscale", {"upscale_method", "width", "height", "crop"}},
      {"LoraLoader", {"lora_name", "strength_model", "strength_clip"}},
      {"LoraLoaderModelOnly", {"lora_name", "strength_model"}},
      {"CLIPSetLastLayer", {"stop_at_clip_layer"}},
      {"RandomNoise", {"noise_seed", "control_after_generate"}},
      {"KSamplerSelect", {"sampler_name"}},
      {"BasicScheduler", {"scheduler", "steps", "denoise"}},
      {"CFGGuider", {"cfg"}},
      {"StringConcatenate", {"string_a", "string_b", "delimiter"}},
      {"Text Concatenate", {"delimiter", "clean_whitespace"}},
      {"PrimitiveNode", {"value", "control_after_generate"}},
      {"PrimitiveString", {"value"}},
      {"PrimitiveStringMultiline", {"value"}},
      {"PrimitiveInt", {"value"}},
      {"PrimitiveFloat", {"value"}},
      {"Efficient Loader",
       {"ckpt_name", "vae_name", "clip_skip", "lora_name", "lora_model_strength",
        "lora_clip_strength", "positive", "negative", "token_normalization",
        "weight_interpretation", "empty_latent_width", "empty_latent_height", "batch_size"}},
  };
  return kNames;
}

bool has(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

std::string id_text(const json::value& id) {
  if (const auto* s = id.if_string()) return std::string(*s);
  return as_text(&id).value_or("");
}

// link id -> [origin id, origin slot]
std::map<int64_t, json::array> link_table(const json::value& workflow) {
  std::map<int64_t, json::array> out;
  const auto* links = member(workflow, {"links"});
  if (!links || !links->is_array()) return out;
  for (const auto& l : links->as_array()) {
    if (out.size() >= kMaxNodes * 4) break;
    if (const auto* a = l.if_array(); a && a->size() >= 3) {
      if (auto id = as_integer(&(*a)[0])) out[*id] = json::array{id_text((*a)[1]), (*a)[2]};
    } else if (l.is_object()) {
      auto id = as_integer(member(l, {"id"}));
      const auto* origin = member(l, {"originid"});
      const auto* slot = member(l, {"originslot"});
      if (id && origin && slot) out[*id] = json::array{id_text(*origin), *slot};
    }
  }
  return out;
}

json::object convert_node(const json::object& node, const std::map<int64_t, json::array>& links) {
  std::string type = as_text(node.if_contains("type")).value_or("");
  json::object inputs;
  if (const auto* in = node.if_contains("inputs"); in && in->is_array()) {
    for (const auto& i : in->as_array()) {
      auto link = as_integer(member(i, {"link"}));
      if (!link) continue;
      auto it = links.find(*link);
      if (it == links.end()) continue;
      std::string name = as_text(member(i, {"name"})).value_or("");
      if (name.empty()) name = "input";
      inputs[name] = it->second;
    }
  }
  if (const auto* widgets = node.if_contains("widgets_values")) {
    if (const auto* o = widgets->if_object()) {
      for (const auto& kv : *o)
        if (!inputs.contains(kv.key())) inputs[kv.key()] = kv.value();
    } else if (const auto* a = widgets->if_array()) {
      const auto& table = widget_names();
      auto names = table.find(type);
      bool textual = has(type, "Text") || has(type, "Prompt") || has(type, "String");
      for (size_t i = 0; i < a->size() && i < 64; ++i) {
        std::string name;
        if (names != table.end() && i < names->second.size()) {
          name = names->second[i];
        } else if (textual && (*a)[i].is_string() && !inputs.contains("text")) {
          name = "text";
        } else {
          name = "widget_" + std::to_string(i);
        }
        if (!inputs.contains(name)) inputs[name] = (*a)[i];
      }
    }
  }
  json::object out;
  out["class_type"] = type;
  out["inputs"] = std::move(inputs);
  return out;
}

}  // namespace

json::value workflow_to_prompt(const json::value& workflow) {
  json::object graph;
  const auto* nodes = member(workflow, {"nodes"});
  if (!nodes || !nodes->is_array()) return graph;
  auto links = link_table(workflow);
  for (const auto& n : nodes->as_array()) {
    if (graph.size() >= kMaxNodes) break;
    const auto* node = n.if_object();
    if (!node || !node->contains("id")) continue;
    auto mode = as_integer(node->if_contains("mode"));
    if (mode && *mode == 2) continue;  // muted nodes do not run
    graph[id_text(node->at("id"))] = convert_node(*node, links);
  }
  return graph;
}

}  // namespace sp::genmeta::detail
