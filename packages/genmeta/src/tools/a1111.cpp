// The Automatic1111 `parameters` text: prompt lines, an optional "Negative prompt:" block, and
// one "Key: value, Key: value" line (values may be quoted, with commas inside) starting with
// "Steps:". Hires-fix, ADetailer and upscale settings live on that line and stay in `raw`.
#include <vector>

#include "tools/json_fields.hpp"
#include "tools/tools.hpp"

namespace sp::genmeta::detail {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

std::string unquote(std::string_view quoted) {
  std::string out;
  for (size_t i = 0; i < quoted.size(); ++i) {
    if (quoted[i] == '\\' && i + 1 < quoted.size()) {
      char n = quoted[++i];
      out.push_back(n == 'n' ? '\n' : n);
    } else {
      out.push_back(quoted[i]);
    }
  }
  return out;
}

Pairs parse_pairs(std::string_view line) {
  Pairs out;
  size_t i = 0;
  const size_t n = line.size();
  while (i < n) {
    while (i < n && (line[i] == ' ' || line[i] == ',')) ++i;
    size_t colon = line.find(':', i);
    if (colon == std::string_view::npos) break;
    std::string_view key = trim(line.substr(i, colon - i));
    i = colon + 1;
    while (i < n && line[i] == ' ') ++i;
    std::string value;
    if (i < n && line[i] == '"') {
      size_t start = ++i;
      while (i < n && line[i] != '"') i += line[i] == '\\' ? 2 : 1;
      value = unquote(line.substr(start, std::min(i, n) - start));
      i = std::min(i + 1, n);
      while (i < n && line[i] != ',') ++i;
    } else if (i < n && (line[i] == '[' || line[i] == '{')) {
      // Unquoted JSON (Civitai resources): up to the matching bracket, strings respected.
      size_t start = i;
      int depth = 0;
      bool in_string = false;
      for (; i < n; ++i) {
        char c = line[i];
        if (in_string) {
          if (c == '\\')
            ++i;
          else if (c == '"')
            in_string = false;
        } else if (c == '"') {
          in_string = true;
        } else if (c == '[' || c == '{') {
          ++depth;
        } else if ((c == ']' || c == '}') && --depth == 0) {
          ++i;
          break;
        }
      }
      value = std::string(line.substr(start, std::min(i, n) - start));
      while (i < n && line[i] != ',') ++i;
    } else {
      size_t end = line.find(',', i);
      if (end == std::string_view::npos) end = n;
      value = std::string(trim(line.substr(i, end - i)));
      i = end;
    }
    // A key with a comma in it means the line was free text, not a pair.
    if (!key.empty() && key.find(',') == std::string_view::npos)
      out.emplace_back(std::string(key), std::move(value));
  }
  return out;
}

bool is_params_line(std::string_view line) {
  line = trim(line);
  return line.starts_with("Steps:") || (line.find("Steps: ") != std::string_view::npos &&
                                        line.find("Sampler: ") != std::string_view::npos);
}

void add_hash_list(std::string_view list, Generation& g) {
  // "name: hash, name2: hash2"
  for (const auto& [name, hash] : parse_pairs(list)) g.add_resource(name, std::nullopt);
}

void add_civitai_resources(std::string_view json, Generation& g) {
  auto doc = parse_json(json);
  if (!doc || !doc->is_array()) return;
  for (const auto& r : doc->as_array()) {
    auto name = as_text(member(r, {"modelname", "name"}));
    if (name) g.add_resource(*name, as_number(member(r, {"weight", "strength"})));
  }
}

std::string tool_name(const Pairs& pairs) {
  for (const auto& [k, v] : pairs) {
    if (k == "Civitai resources" || k == "Civitai metadata") return "Civitai";
    if (k == "App" && v.find("SD.Next") != std::string::npos) return "SD.Next";
    if (k == "Version" && v.starts_with("Fooocus")) return "Fooocus";
    if (k == "Version" && v.starts_with("RuinedFooocus")) return "RuinedFooocus";
    if (k == "Version" && v.starts_with("ComfyUI")) return "ComfyUI";
    if (k == "Version" && !v.empty() && v[0] == 'f' && v.size() > 1 && v[1] >= '0' && v[1] <= '9')
      return "Forge";
    if (k == "Version" && v.find("reForge") != std::string::npos) return "reForge";
  }
  return "AUTOMATIC1111";
}

void apply(const std::string& key, const std::string& value, Generation& g) {
  if (key == "Steps") {
    if (auto d = parse_number(value)) g.steps = static_cast<int64_t>(*d);
  } else if (key == "Sampler") {
    g.sampler = value;
  } else if (key == "Schedule type" || key == "Scheduler") {
    g.scheduler = value;
  } else if (key == "CFG scale" || key == "CFG Scale") {
    g.cfg = parse_number(value);
  } else if (key == "Seed") {
    g.seed = parse_unsigned(value);
  } else if (key == "Size") {
    auto x = value.find('x');
    if (x != std::string::npos) {
      auto w = parse_unsigned(std::string_view(value).substr(0, x));
      auto h = parse_unsigned(std::string_view(value).substr(x + 1));
      if (w && h && *w < (1u << 30) && *h < (1u << 30)) {
        g.width = static_cast<int64_t>(*w);
        g.height = static_cast<int64_t>(*h);
      }
    }
  } else if (key == "Model hash") {
    g.model_hash = value;
  } else if (key == "Model") {
    g.model_name = value;
  } else if (key == "Clip skip") {
    if (auto d = parse_number(value)) g.clip_skip = static_cast<int64_t>(*d);
  } else if (key == "Denoising strength") {
    g.denoise = parse_number(value);
  } else if (key == "Lora hashes" || key == "TI hashes" || key == "Lyco hashes") {
    add_hash_list(value, g);
  } else if (key == "Civitai resources") {
    add_civitai_resources(value, g);
  }
}

}  // namespace

void add_prompt_tag_resources(std::string_view prompt, Generation& g) {
  size_t at = 0;
  for (int guard = 0; guard < 256; ++guard) {
    at = prompt.find('<', at);
    if (at == std::string_view::npos) return;
    size_t end = prompt.find('>', at);
    if (end == std::string_view::npos) return;
    std::string_view tag = prompt.substr(at + 1, end - at - 1);
    at = end;
    auto c1 = tag.find(':');
    if (c1 == std::string_view::npos) continue;
    std::string_view kind = tag.substr(0, c1);
    if (kind != "lora" && kind != "lyco" && kind != "hypernet") continue;
    std::string_view rest = tag.substr(c1 + 1);
    auto c2 = rest.find(':');
    std::string_view name = rest.substr(0, c2);
    std::optional<double> weight;
    if (c2 != std::string_view::npos) {
      std::string_view w = rest.substr(c2 + 1);
      weight = parse_number(w.substr(0, w.find(':')));
    } else {
      weight = 1.0;
    }
    g.add_resource(std::string(trim(name)), weight);
  }
}

std::optional<Generation> parse_a1111(std::string_view text) {
  std::vector<std::string_view> lines;
  for (size_t at = 0; at <= text.size();) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(at, nl - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    at = nl + 1;
  }
  size_t params = lines.size();
  for (size_t i = lines.size(); i-- > 0;) {
    if (is_params_line(lines[i])) {
      params = i;
      break;
    }
  }
  if (params == lines.size()) return std::nullopt;

  Generation g;
  std::string prompt;
  std::string negative;
  bool in_negative = false;
  for (size_t i = 0; i < params; ++i) {
    std::string_view line = lines[i];
    if (line.starts_with("Negative prompt:")) {
      in_negative = true;
      line.remove_prefix(16);
      negative.append(trim(line));
      continue;
    }
    std::string& into = in_negative ? negative : prompt;
    if (!into.empty() || (in_negative ? false : i > 0)) into.push_back('\n');
    into.append(line);
  }
  g.prompt = std::string(trim(prompt));
  if (in_negative) g.negative_prompt = std::string(trim(negative));
  add_prompt_tag_resources(*g.prompt, g);
  auto pairs = parse_pairs(lines[params]);
  for (const auto& [k, v] : pairs) apply(k, v, g);
  g.tool = tool_name(pairs);
  g.raw = std::string(text);
  return g;
}

}  // namespace sp::genmeta::detail
