// ComfyUI's API graph: pick the main sampler, follow its positive and negative inputs back to the
// prompt text, its model input back to the checkpoint loader (LoRA loaders on the way become
// resources), its latent input back to the empty-latent size, and the text encoders' clip input
// to CLIPSetLastLayer (clip skip).
#include <algorithm>

#include "tools/comfy_graph.hpp"
#include "tools/json_fields.hpp"
#include "tools/tools.hpp"

namespace sp::genmeta::detail {
namespace {

namespace json = boost::json;

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += "\n";
    out += p;
  }
  return out;
}

const json::value* input(const json::object& node, std::string_view key) {
  const auto* in = ComfyGraph::inputs(node);
  if (!in) return nullptr;
  auto it = in->find(key);
  return it == in->end() ? nullptr : &it->value();
}

bool is_sampler(const json::object& node) {
  const auto* in = ComfyGraph::inputs(node);
  if (!in) return false;
  bool conditioned = in->contains("positive") || in->contains("guider");
  bool sampling = in->contains("steps") || in->contains("sigmas") || in->contains("seed") ||
                  in->contains("noise_seed") || in->contains("noise");
  // Loaders that hold prompt strings (Efficient Loader) are not samplers.
  const auto* pos = in->if_contains("positive");
  if (pos && pos->is_string()) return false;
  return conditioned && sampling;
}

// The node a sampler's named input reaches directly or through its noise/guider/sampler/sigmas
// helper nodes (SamplerCustomAdvanced splits the KSampler's inputs over those).
const json::value* sampler_field(const ComfyGraph& g, const json::object& node,
                                 std::initializer_list<std::string_view> keys, int depth = 2) {
  for (auto key : keys) {
    if (const auto* v = input(node, key)) {
      if (const auto* s = g.scalar(*v); s && !ComfyGraph::is_link(*s)) return s;
    }
  }
  if (depth <= 0) return nullptr;
  for (std::string_view helper : {"noise", "guider", "sampler", "sigmas"}) {
    const auto* link = input(node, helper);
    const auto* next = link ? g.target(*link) : nullptr;
    if (next && next != &node)
      if (const auto* v = sampler_field(g, *next, keys, depth - 1)) return v;
  }
  return nullptr;
}

const json::value* conditioning(const ComfyGraph& g, const json::object& sampler,
                                std::string_view polarity) {
  if (const auto* v = input(sampler, polarity)) return v;
  const auto* guider_link = input(sampler, "guider");
  const auto* guider = guider_link ? g.target(*guider_link) : nullptr;
  if (!guider) return nullptr;
  if (const auto* v = input(*guider, polarity)) return v;
  return polarity == "positive" ? input(*guider, "conditioning") : nullptr;
}

void trace_model(const ComfyGraph& g, const json::value* link, Generation& out) {
  for (int depth = 0; link && depth < 32; ++depth) {
    const auto* node = g.target(*link);
    const auto* in = node ? ComfyGraph::inputs(*node) : nullptr;
    if (!in) return;
    for (std::string_view key : {"ckpt_name", "unet_name", "base_ckpt_name", "model_name"}) {
      if (auto name = as_text(in->if_contains(key))) {
        out.model_name = *name;
        return;
      }
    }
    if (auto lora = as_text(in->if_contains("lora_name")))
      out.add_resource(*lora, as_number(in->if_contains("strength_model")));
    for (const auto& kv : *in) {  // LoRA stacks: {"on": true, "lora": "x", "strength": 1}
      const auto& v = kv.value();
      if (v.is_object() && v.as_object().contains("lora")) {
        const auto* on = v.as_object().if_contains("on");
        if (!on || !on->is_bool() || on->as_bool())
          if (auto name = as_text(v.as_object().if_contains("lora")); name && *name != "None")
            out.add_resource(*name, as_number(v.as_object().if_contains("strength")));
      }
    }
    link = in->if_contains("model");
    if (!link && in->size() == 1) link = &in->begin()->value();  // reroute
  }
}

void trace_size(const ComfyGraph& g, const json::value* link, Generation& out) {
  for (int depth = 0; link && depth < 16; ++depth) {
    const auto* node = g.target(*link);
    const auto* in = node ? ComfyGraph::inputs(*node) : nullptr;
    if (!in) return;
    auto w = as_integer(g.scalar(in->contains("width") ? in->at("width") : json::value()));
    auto h = as_integer(g.scalar(in->contains("height") ? in->at("height") : json::value()));
    if (w && h && *w > 0 && *h > 0) {
      out.width = w;
      out.height = h;
      return;
    }
    link = nullptr;
    for (std::string_view key : {"samples", "latent_image", "latent", "samples_to", "input"})
      if (!link) link = in->if_contains(key);
  }
}

void trace_clip_skip(const ComfyGraph& g, const json::value* conditioning_link, Generation& out) {
  // Down the conditioning (first linked input) to the first text encoder, then along its clip.
  const json::object* node = conditioning_link ? g.target(*conditioning_link) : nullptr;
  for (int depth = 0; node && !input(*node, "clip") && depth < 16; ++depth) {
    const auto* in = ComfyGraph::inputs(*node);
    const json::object* next = nullptr;
    for (const auto& kv : in ? *in : json::object()) {
      if (kv.key() != "negative" && ComfyGraph::is_link(kv.value())) {
        next = g.target(kv.value());
        break;
      }
    }
    node = next;
  }
  const json::value* link = node ? input(*node, "clip") : nullptr;
  for (int depth = 0; link && depth < 16; ++depth) {
    const auto* n = g.target(*link);
    if (!n) return;
    if (auto stop = as_integer(input(*n, "stop_at_clip_layer"))) {
      out.clip_skip = -*stop;
      return;
    }
    link = input(*n, "clip");
  }
}

bool starts_from_empty_latent(const ComfyGraph& g, const json::object& sampler) {
  const auto* link = input(sampler, "latent_image");
  const auto* node = link ? g.target(*link) : nullptr;
  return node && ComfyGraph::class_type(*node).find("Empty") != std::string_view::npos;
}

// Numeric ids compare as numbers ("9" < "10"); others as text.
bool id_less(std::string_view a, std::string_view b) {
  auto na = parse_unsigned(a);
  auto nb = parse_unsigned(b);
  if (na && nb) return *na < *nb;
  if (na != nb) return na.has_value();
  return a < b;
}

}  // namespace

std::optional<Generation> parse_comfy_prompt(const json::value& doc) {
  const auto* nodes = doc.if_object();
  if (!nodes) return std::nullopt;
  ComfyGraph g(*nodes);
  // The main sampler: the first (by id) that starts from an empty latent (the base pass of a
  // txt2img or multi-pass graph); else the first sampler at all (img2img).
  const json::object* main = nullptr;
  std::string_view main_id;
  bool main_empty = false;
  for (const auto& kv : *nodes) {
    const auto* node = kv.value().if_object();
    if (!node || !is_sampler(*node)) continue;
    bool empty = starts_from_empty_latent(g, *node);
    if (!main || (empty && !main_empty) || (empty == main_empty && id_less(kv.key(), main_id))) {
      main = node;
      main_id = kv.key();
      main_empty = empty;
    }
  }
  if (!main) return std::nullopt;

  Generation out;
  out.tool = "ComfyUI";
  out.seed = as_seed(sampler_field(g, *main, {"seed", "noise_seed"}));
  out.steps = as_integer(sampler_field(g, *main, {"steps"}));
  out.cfg = as_number(sampler_field(g, *main, {"cfg"}));
  out.sampler = as_text(sampler_field(g, *main, {"sampler_name"}));
  out.scheduler = as_text(sampler_field(g, *main, {"scheduler"}));
  out.denoise = as_number(sampler_field(g, *main, {"denoise"}));
  if (const auto* pos = conditioning(g, *main, "positive")) {
    auto texts = g.prompts(*pos, "positive");
    if (!texts.empty()) out.prompt = join(texts);
    trace_clip_skip(g, pos, out);
  }
  if (const auto* neg = conditioning(g, *main, "negative")) {
    auto texts = g.prompts(*neg, "negative");
    if (!texts.empty()) out.negative_prompt = join(texts);
  }
  const json::value* model = input(*main, "model");
  if (!model)
    if (const auto* guider = input(*main, "guider"); guider && g.target(*guider))
      model = input(*g.target(*guider), "model");
  trace_model(g, model, out);
  trace_size(g, input(*main, "latent_image"), out);
  if (out.prompt) add_prompt_tag_resources(*out.prompt, out);
  return out;
}

std::optional<Generation> parse_comfy_workflow(const json::value& workflow) {
  auto graph = workflow_to_prompt(workflow);
  return parse_comfy_prompt(graph);
}

}  // namespace sp::genmeta::detail
