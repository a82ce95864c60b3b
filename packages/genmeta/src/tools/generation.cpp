#include "tools/generation.hpp"

#include "container/text_encoding.hpp"
#include "strangeprompt/core/json_writer.hpp"

namespace sp::genmeta::detail {
namespace {

constexpr size_t kMaxRaw = 64u << 10;  // raw text beyond this is cut (at a UTF-8 boundary)
constexpr size_t kMaxResources = 64;

std::string clean(const std::string& s, size_t limit = std::string::npos) {
  std::string out = to_utf8_or_latin1(s);
  if (out.size() > limit) {
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

template <typename T>
void fill(std::optional<T>& mine, const std::optional<T>& theirs) {
  if (!mine && theirs) mine = theirs;
}

}  // namespace

void Generation::add_resource(std::string name, std::optional<double> weight) {
  if (name.empty() || resources.size() >= kMaxResources) return;
  for (auto& r : resources) {
    if (r.name == name) {
      if (!r.weight) r.weight = weight;
      return;
    }
  }
  resources.push_back({std::move(name), weight});
}

void Generation::fill_from(const Generation& o) {
  fill(prompt, o.prompt);
  fill(negative_prompt, o.negative_prompt);
  fill(model_name, o.model_name);
  fill(model_hash, o.model_hash);
  fill(sampler, o.sampler);
  fill(scheduler, o.scheduler);
  fill(steps, o.steps);
  fill(cfg, o.cfg);
  fill(seed, o.seed);
  fill(width, o.width);
  fill(height, o.height);
  fill(clip_skip, o.clip_skip);
  fill(denoise, o.denoise);
  for (const auto& r : o.resources) add_resource(r.name, r.weight);
}

std::string to_json(const Generation& g) {
  JsonWriter w;
  w.begin_object();
  w.key("tool").string(clean(g.tool));
  auto text = [&](std::string_view key, const std::optional<std::string>& v) {
    if (v) w.key(key).string(clean(*v));
  };
  auto integer = [&](std::string_view key, const std::optional<int64_t>& v) {
    if (v) w.key(key).integer(*v);
  };
  auto number = [&](std::string_view key, const std::optional<double>& v) {
    if (v) w.key(key).number(*v);
  };
  text("prompt", g.prompt);
  text("negativePrompt", g.negative_prompt);
  if (g.model_name || g.model_hash) {
    w.key("model").begin_object();
    text("name", g.model_name);
    text("hash", g.model_hash);
    w.end_object();
  }
  text("sampler", g.sampler);
  text("scheduler", g.scheduler);
  integer("steps", g.steps);
  number("cfg", g.cfg);
  if (g.seed) w.key("seed").raw(std::to_string(*g.seed));
  integer("width", g.width);
  integer("height", g.height);
  integer("clipSkip", g.clip_skip);
  number("denoise", g.denoise);
  if (!g.resources.empty()) {
    w.key("resources").begin_array();
    for (const auto& r : g.resources) {
      w.begin_object().key("name").string(clean(r.name));
      if (r.weight) w.key("weight").number(*r.weight);
      w.end_object();
    }
    w.end_array();
  }
  if (g.raw && !g.raw->empty()) w.key("raw").string(clean(*g.raw, kMaxRaw));
  w.end_object();
  return std::move(w).take();
}

}  // namespace sp::genmeta::detail
