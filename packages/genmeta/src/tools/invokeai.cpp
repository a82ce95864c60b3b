// InvokeAI: `invokeai_metadata` (3.x+), `invokeai_graph` (the graph, when no metadata node was
// saved), `sd-metadata` (2.x) and the legacy `Dream` command string.
#include <vector>

#include "tools/json_fields.hpp"
#include "tools/tools.hpp"

namespace sp::genmeta::detail {
namespace {

namespace json = boost::json;

// "-s 50 -S 123 ..." option tokens after the quoted prompt.
std::vector<std::string_view> tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size() && out.size() < 256) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t end = s.find(' ', i);
    if (end == std::string_view::npos) end = s.size();
    if (end > i) out.push_back(s.substr(i, end - i));
    i = end;
  }
  return out;
}

std::optional<int64_t> small(std::string_view s) {
  auto v = parse_unsigned(s);
  if (!v || *v > (1u << 30)) return std::nullopt;
  return static_cast<int64_t>(*v);
}

}  // namespace

void split_bracketed_negative(std::string_view text, Generation& g) {
  std::string prompt;
  std::string negative;
  int depth = 0;
  for (char c : text) {
    if (c == '[') {
      if (depth++ == 0) {
        if (!negative.empty()) negative += ", ";
        continue;
      }
    } else if (c == ']' && depth > 0) {
      if (--depth == 0) continue;
    }
    (depth > 0 ? negative : prompt).push_back(c);
  }
  g.prompt = std::string(trim(prompt));
  if (!trim(negative).empty()) g.negative_prompt = std::string(trim(negative));
}

std::optional<Generation> parse_invokeai_metadata(const json::value& m) {
  if (!m.is_object()) return std::nullopt;
  Generation g;
  g.tool = "InvokeAI";
  g.prompt = as_text(member(m, {"positiveprompt"}));
  g.negative_prompt = as_text(member(m, {"negativeprompt"}));
  g.width = as_integer(member(m, {"width"}));
  g.height = as_integer(member(m, {"height"}));
  g.seed = as_seed(member(m, {"seed"}));
  g.cfg = as_number(member(m, {"cfgscale"}));
  g.steps = as_integer(member(m, {"steps"}));
  g.sampler = as_text(member(m, {"scheduler"}));  // InvokeAI calls its sampler "scheduler"
  g.clip_skip = as_integer(member(m, {"clipskip"}));
  g.denoise = as_number(member(m, {"strength", "denoisingstrength"}));
  if (const auto* model = member(m, {"model"})) {
    g.model_name = as_text(member(*model, {"modelname", "name"}));
    g.model_hash = as_text(member(*model, {"hash"}));
    if (!g.model_name) g.model_name = as_text(model);
  }
  if (const auto* loras = member(m, {"loras"}); loras && loras->is_array()) {
    for (const auto& l : loras->as_array()) {
      const auto* model = member(l, {"lora", "model"});
      auto name = model ? as_text(member(*model, {"modelname", "name"})) : std::nullopt;
      if (name) g.add_resource(*name, as_number(member(l, {"weight"})));
    }
  }
  if (!g.prompt && !g.seed && !g.steps) return std::nullopt;
  return g;
}

std::optional<Generation> parse_invokeai_graph(const json::value& graph) {
  const auto* nodes = member(graph, {"nodes"});
  if (!nodes || !nodes->is_object()) return std::nullopt;
  // A saved metadata node carries everything.
  for (const auto& kv : nodes->as_object()) {
    auto type = as_text(member(kv.value(), {"type"})).value_or("");
    if (type == "core_metadata" || type == "metadata_accumulator")
      if (auto g = parse_invokeai_metadata(kv.value())) return g;
  }
  // Else: the prompt nodes wired to a denoise node's positive/negative conditioning.
  Generation g;
  g.tool = "InvokeAI";
  const auto* edges = member(graph, {"edges"});
  if (edges && edges->is_array()) {
    for (const auto& e : edges->as_array()) {
      const auto* src = member(e, {"source"});
      auto source = src ? as_text(member(*src, {"nodeid"})) : std::nullopt;
      const auto* dest = member(e, {"destination"});
      auto field = dest ? as_text(member(*dest, {"field"})) : std::nullopt;
      if (!source || !field) continue;
      const auto* node = nodes->as_object().if_contains(*source);
      auto text = node ? as_text(member(*node, {"prompt"})) : std::nullopt;
      if (!text) continue;
      if (*field == "positive_conditioning" && !g.prompt) g.prompt = text;
      if (*field == "negative_conditioning" && !g.negative_prompt) g.negative_prompt = text;
    }
  }
  for (const auto& kv : nodes->as_object()) {
    const auto& n = kv.value();
    if (!g.steps) g.steps = as_integer(member(n, {"steps"}));
    if (!g.cfg) g.cfg = as_number(member(n, {"cfgscale"}));
    if (!g.sampler) g.sampler = as_text(member(n, {"scheduler"}));
    if (!g.seed) g.seed = as_seed(member(n, {"seed"}));
    if (!g.width) g.width = as_integer(member(n, {"width"}));
    if (!g.height) g.height = as_integer(member(n, {"height"}));
  }
  if (!g.prompt && !g.steps) return std::nullopt;
  return g;
}

std::optional<Generation> parse_invokeai_sd_metadata(const json::value& m) {
  const auto* image = member(m, {"image"});
  if (!image || !image->is_object()) return std::nullopt;
  Generation g;
  g.tool = "InvokeAI";
  const auto* prompt = member(*image, {"prompt"});
  std::optional<std::string> text;
  if (prompt && prompt->is_array() && !prompt->as_array().empty())
    text = as_text(member(prompt->as_array()[0], {"prompt"}));
  else
    text = as_text(prompt);
  if (text) split_bracketed_negative(*text, g);
  g.steps = as_integer(member(*image, {"steps"}));
  g.cfg = as_number(member(*image, {"cfgscale"}));
  g.seed = as_seed(member(*image, {"seed"}));
  g.width = as_integer(member(*image, {"width"}));
  g.height = as_integer(member(*image, {"height"}));
  g.sampler = as_text(member(*image, {"sampler"}));
  g.denoise = as_number(member(*image, {"strength"}));
  g.model_name = as_text(member(m, {"modelweights"}));
  g.model_hash = as_text(member(m, {"modelhash"}));
  return g;
}

std::optional<Generation> parse_invokeai_dream(std::string_view dream) {
  dream = trim(dream);
  if (!dream.starts_with('"')) return std::nullopt;
  auto close = dream.find('"', 1);
  if (close == std::string_view::npos) return std::nullopt;
  Generation g;
  g.tool = "InvokeAI";
  split_bracketed_negative(dream.substr(1, close - 1), g);
  auto args = tokens(dream.substr(close + 1));
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    std::string_view flag = args[i];
    std::string_view value = args[i + 1];
    if (flag == "-s")
      g.steps = small(value);
    else if (flag == "-S")
      g.seed = parse_unsigned(value);
    else if (flag == "-W")
      g.width = small(value);
    else if (flag == "-H")
      g.height = small(value);
    else if (flag == "-C")
      g.cfg = parse_number(value);
    else if (flag == "-A")
      g.sampler = std::string(value);
    else if (flag == "-f")
      g.denoise = parse_number(value);
    else
      continue;
    ++i;
  }
  g.raw = std::string(dream);
  return g;
}

}  // namespace sp::genmeta::detail
