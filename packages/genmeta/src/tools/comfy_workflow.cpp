// ComfyUI's UI graph (`workflow`) rewritten as an API graph: link ids resolved to
// ["<origin id>", slot], positional widget values named from a table of the common nodes, and
// primitive nodes given a "value" input. Reroutes stay as one-input nodes, which the tracer
// passes through. Nested node definitions are expanded in place, so the tracer sees the sampler
// and texts inside them: subgraphs (`definitions.subgraphs`, an instance's type is the
// subgraph's id; nested ones too) and the older group nodes (`extra.groupNodes`, an instance's
// type is "workflow/<name>" or "workflow><name>"). Inner nodes get ids "<instance id>:<inner id>".
#include <functional>
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

using Origin = json::array;  // ["<api id>", slot]

struct RawLink {
  std::string origin;  // the origin node's id in its scope; "-10" is a subgraph's input side
  json::value slot;
};
using LinkMap = std::map<int64_t, RawLink>;

// link id -> its origin, from the array form [id, origin, slot, target, slot, type] or the object
// form {id, origin_id, origin_slot, ...}.
LinkMap link_table(const json::value* links) {
  LinkMap out;
  if (!links || !links->is_array()) return out;
  for (const auto& l : links->as_array()) {
    if (out.size() >= kMaxNodes * 4) break;
    if (const auto* a = l.if_array(); a && a->size() >= 3) {
      if (auto id = as_integer(&(*a)[0])) out[*id] = RawLink{id_text((*a)[1]), (*a)[2]};
    } else if (l.is_object()) {
      auto id = as_integer(member(l, {"id"}));
      const auto* origin = member(l, {"originid"});
      const auto* slot = member(l, {"originslot"});
      if (id && origin && slot) out[*id] = RawLink{id_text(*origin), *slot};
    }
  }
  return out;
}

// {"class_type", "inputs"} from the linked inputs and the node's widget values.
json::object api_node(const std::string& type, json::object inputs, const json::value* widgets) {
  if (widgets != nullptr) {
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

std::string input_name(const json::value& input) {
  std::string name = as_text(member(input, {"name"})).value_or("");
  return name.empty() ? "input" : name;
}

const json::array* array_of(const json::value* v) {
  return v ? v->if_array() : nullptr;
}

// The expansion of one workflow, bounded in nodes made and in nesting depth.
class Expander {
 public:
  explicit Expander(const json::value& workflow) {
    if (const auto* defs = array_of(member(workflow, {"definitions"})
                                        ? member(*member(workflow, {"definitions"}), {"subgraphs"})
                                        : nullptr)) {
      for (const auto& d : *defs) {
        if (const auto* o = d.if_object(); o && o->contains("id"))
          subgraphs_[id_text(o->at("id"))] = o;
      }
    }
    if (const auto* extra = member(workflow, {"extra"})) {
      if (const auto* groups = member(*extra, {"groupnodes"}); groups && groups->is_object()) {
        for (const auto& kv : groups->as_object()) {
          if (kv.value().is_object()) groups_[std::string(kv.key())] = &kv.value().as_object();
        }
      }
    }
  }

  json::object run(const json::value& workflow) {
    LinkMap links = link_table(member(workflow, {"links"}));
    Scope top{"", &links, {}, nullptr};
    if (const auto* nodes = array_of(member(workflow, {"nodes"}))) add(top, *nodes, 0);
    return std::move(graph_);
  }

 private:
  static constexpr int kMaxDepth = 8;
  using InputResolver = std::function<std::optional<Origin>(const json::value& slot)>;

  struct Scope {
    std::string prefix;  // "" at the top, "<instance id>:" inside an instance
    const LinkMap* links;
    std::map<std::string, const json::object*> nodes;  // by id, filled by index()
    InputResolver input;                               // a subgraph's inputs (origin -10)
  };

  static void index(Scope& s, const json::array& nodes) {
    for (const auto& n : nodes) {
      if (s.nodes.size() >= kMaxNodes) break;
      if (const auto* o = n.if_object(); o && o->contains("id")) s.nodes[id_text(o->at("id"))] = o;
    }
  }

  static std::string type_of(const json::object& node) {
    return as_text(node.if_contains("type")).value_or("");
  }
  const json::object* subgraph(const json::object& node) const {
    auto it = subgraphs_.find(type_of(node));
    return it == subgraphs_.end() ? nullptr : it->second;
  }
  const json::object* group(const json::object& node) const {
    std::string type = type_of(node);
    for (std::string_view prefix : {"workflow/", "workflow>"}) {
      if (type.starts_with(prefix)) {
        auto it = groups_.find(type.substr(prefix.size()));
        if (it != groups_.end()) return it->second;
      }
    }
    return nullptr;
  }
  const LinkMap& links_of(const json::object& def) {
    auto it = link_cache_.find(&def);
    if (it == link_cache_.end())
      it = link_cache_.emplace(&def, link_table(def.if_contains("links"))).first;
    return it->second;
  }

  // The scope inside subgraph instance `node` of scope `s`.
  Scope inner_scope(const Scope& s, const json::object& node, const json::object& def, int depth) {
    Scope inner{s.prefix + id_text(node.at("id")) + ":", &links_of(def), {}, nullptr};
    if (const auto* nodes = array_of(def.if_contains("nodes"))) index(inner, *nodes);
    const json::array* inputs = array_of(node.if_contains("inputs"));
    inner.input = [this, &s, inputs, depth](const json::value& slot) -> std::optional<Origin> {
      auto i = as_integer(&slot);
      if (!inputs || !i || *i < 0 || static_cast<size_t>(*i) >= inputs->size()) return std::nullopt;
      auto link = as_integer(member((*inputs)[static_cast<size_t>(*i)], {"link"}));
      if (!link) return std::nullopt;
      return resolve(s, *link, depth + 1);
    };
    return inner;
  }

  // Where link `id` of scope `s` really starts (through instance boundaries).
  std::optional<Origin> resolve(const Scope& s, int64_t id, int depth) {
    if (depth > kMaxDepth * 4 || ++steps_ > kMaxNodes * 16) return std::nullopt;
    auto it = s.links->find(id);
    if (it == s.links->end()) return std::nullopt;
    const RawLink& raw = it->second;
    if (raw.origin == "-10") return s.input ? s.input(raw.slot) : std::nullopt;
    auto node = s.nodes.find(raw.origin);
    if (node != s.nodes.end()) {
      if (const auto* def = subgraph(*node->second)) {
        if (depth >= kMaxDepth) return std::nullopt;
        auto slot = as_integer(&raw.slot);
        const json::array* outputs = array_of(def->if_contains("outputs"));
        if (!slot || !outputs || *slot < 0 || static_cast<size_t>(*slot) >= outputs->size()) {
          return std::nullopt;
        }
        const json::array* ids =
            array_of(member((*outputs)[static_cast<size_t>(*slot)], {"linkids"}));
        if (!ids || ids->empty()) return std::nullopt;
        auto inner_link = as_integer(&(*ids)[0]);
        if (!inner_link) return std::nullopt;
        Scope inner = inner_scope(s, *node->second, *def, depth);
        return resolve(inner, *inner_link, depth + 1);
      }
      if (const auto* def = group(*node->second))
        return group_output(s, *node->second, *def, raw.slot);
    }
    return Origin{s.prefix + raw.origin, raw.slot};
  }

  // Group nodes: output slot k of the instance is the k-th inner output that is not linked inside
  // the group or is listed in its `external` outputs (inner nodes in order, their outputs in
  // order).
  static std::optional<Origin> group_output(const Scope& s, const json::object& node,
                                            const json::object& def, const json::value& slot) {
    auto k = as_integer(&slot);
    const json::array* nodes = array_of(def.if_contains("nodes"));
    if (!k || !nodes) return std::nullopt;
    const json::array* links = array_of(def.if_contains("links"));
    const json::array* external = array_of(def.if_contains("external"));
    auto listed = [](const json::array* rows, int64_t index, int64_t out_slot, size_t at) {
      if (!rows) return false;
      for (const auto& r : *rows) {
        const auto* a = r.if_array();
        if (a && a->size() > at + 1 && as_integer(&(*a)[at]) == index &&
            as_integer(&(*a)[at + 1]) == out_slot) {
          return true;
        }
      }
      return false;
    };
    int64_t seen = 0;
    for (size_t i = 0; i < nodes->size(); ++i) {
      const json::array* outs = array_of(member((*nodes)[i], {"outputs"}));
      const int64_t index =
          as_integer(member((*nodes)[i], {"index"})).value_or(static_cast<int64_t>(i));
      for (size_t j = 0; outs && j < outs->size(); ++j) {
        const auto out_slot = static_cast<int64_t>(j);
        if (listed(links, index, out_slot, 0) && !listed(external, index, out_slot, 0)) continue;
        if (seen++ == *k) {
          return Origin{s.prefix + id_text(node.at("id")) + ":" + std::to_string(index), out_slot};
        }
      }
    }
    return std::nullopt;
  }

  void add(Scope& s, const json::array& nodes, int depth) {
    index(s, nodes);
    for (const auto& n : nodes) {
      if (graph_.size() >= kMaxNodes) return;
      const auto* node = n.if_object();
      if (!node || !node->contains("id")) continue;
      auto mode = as_integer(node->if_contains("mode"));
      if (mode && *mode == 2) continue;  // muted nodes do not run
      if (const auto* def = subgraph(*node)) {
        if (depth >= kMaxDepth) continue;
        Scope inner = inner_scope(s, *node, *def, depth);
        if (const auto* inner_nodes = array_of(def->if_contains("nodes")))
          add(inner, *inner_nodes, depth + 1);
        continue;
      }
      if (const auto* def = group(*node)) {
        add_group(s, *node, *def);
        continue;
      }
      json::object inputs;
      if (const auto* in = array_of(node->if_contains("inputs"))) {
        for (const auto& i : *in) {
          auto link = as_integer(member(i, {"link"}));
          if (!link) continue;
          if (auto origin = resolve(s, *link, depth)) inputs[input_name(i)] = std::move(*origin);
        }
      }
      graph_[s.prefix + id_text(node->at("id"))] =
          api_node(type_of(*node), std::move(inputs), node->if_contains("widgets_values"));
    }
  }

  // Group nodes: inner links are [origin index, slot, target index, slot, ...]; the instance's own
  // inputs feed the inner inputs of the same name (or "<title> <name>") that nothing inside feeds;
  // its widget values are the inner nodes' values, node after node.
  void add_group(const Scope& s, const json::object& node, const json::object& def) {
    const json::array* nodes = array_of(def.if_contains("nodes"));
    if (!nodes) return;
    const json::array* links = array_of(def.if_contains("links"));
    const json::array* outer_inputs = array_of(node.if_contains("inputs"));
    std::vector<bool> used(outer_inputs ? outer_inputs->size() : 0, false);
    const json::array* values = array_of(node.if_contains("widgets_values"));
    size_t offset = 0;
    const std::string prefix = s.prefix + id_text(node.at("id")) + ":";
    for (size_t i = 0; i < nodes->size() && graph_.size() < kMaxNodes; ++i) {
      const json::value& inner = (*nodes)[i];
      const int64_t index = as_integer(member(inner, {"index"})).value_or(static_cast<int64_t>(i));
      json::object inputs;
      const json::array* ins = array_of(member(inner, {"inputs"}));
      for (size_t t = 0; ins && t < ins->size(); ++t) {
        const std::string name = input_name((*ins)[t]);
        bool linked = false;
        for (size_t l = 0; links && l < links->size(); ++l) {
          const auto* a = (*links)[l].if_array();
          if (a && a->size() >= 4 && as_integer(&(*a)[2]) == index &&
              as_integer(&(*a)[3]) == static_cast<int64_t>(t)) {
            inputs[name] = Origin{prefix + id_text((*a)[0]), (*a)[1]};
            linked = true;
            break;
          }
        }
        for (size_t o = 0; !linked && outer_inputs && o < outer_inputs->size(); ++o) {
          std::string outer = input_name((*outer_inputs)[o]);
          if (used[o] || (outer != name && !outer.ends_with(" " + name))) continue;
          used[o] = true;
          if (auto link = as_integer(member((*outer_inputs)[o], {"link"}))) {
            if (auto origin = resolve(s, *link, 0)) inputs[name] = std::move(*origin);
          }
          linked = true;
        }
      }
      const json::value* own = member(inner, {"widgetsvalues"});
      json::value slice;
      if (const auto* own_values = own ? own->if_array() : nullptr; own_values && values) {
        json::array part;
        for (size_t k = 0; k < own_values->size(); ++k) {
          part.push_back(offset + k < values->size() ? (*values)[offset + k] : (*own_values)[k]);
        }
        offset += own_values->size();
        slice = std::move(part);
        own = &slice;
      }
      graph_[prefix + std::to_string(index)] =
          api_node(as_text(member(inner, {"type"})).value_or(""), std::move(inputs), own);
    }
  }

  json::object graph_;
  std::map<std::string, const json::object*> subgraphs_;
  std::map<std::string, const json::object*> groups_;
  std::map<const json::object*, LinkMap> link_cache_;
  size_t steps_ = 0;
};

}  // namespace

json::value workflow_to_prompt(const json::value& workflow) {
  if (!workflow.is_object()) return json::object();
  return Expander(workflow).run(workflow);
}

}  // namespace sp::genmeta::detail
