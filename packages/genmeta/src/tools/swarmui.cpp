// SwarmUI: {"sui_image_params": {prompt, negativeprompt, model, seed, steps, cfgscale, width,
// height, sampler, scheduler, clipstopatlayer, loras, loraweights, ...}, "sui_models": [...]}.
#include <cmath>

#include "tools/json_fields.hpp"
#include "tools/tools.hpp"

namespace sp::genmeta::detail {

std::optional<Generation> parse_swarmui(const boost::json::value& doc) {
  const auto* p = member(doc, {"suiimageparams"});
  if (!p || !p->is_object()) return std::nullopt;
  Generation g;
  g.tool = "SwarmUI";
  g.prompt = as_text(member(*p, {"prompt"}));
  g.negative_prompt = as_text(member(*p, {"negativeprompt"}));
  g.model_name = as_text(member(*p, {"model"}));
  g.seed = as_seed(member(*p, {"seed"}));
  g.steps = as_integer(member(*p, {"steps"}));
  g.cfg = as_number(member(*p, {"cfgscale"}));
  g.width = as_integer(member(*p, {"width"}));
  g.height = as_integer(member(*p, {"height"}));
  g.sampler = as_text(member(*p, {"sampler"}));
  g.scheduler = as_text(member(*p, {"scheduler"}));
  if (auto stop = as_integer(member(*p, {"clipstopatlayer"})))
    g.clip_skip = *stop < 0 ? -*stop : *stop;
  g.denoise = as_number(member(*p, {"initimagecreativity"}));
  const auto* loras = member(*p, {"loras"});
  const auto* weights = member(*p, {"loraweights"});
  if (loras && loras->is_array()) {
    const auto& names = loras->as_array();
    for (size_t i = 0; i < names.size(); ++i) {
      std::optional<double> w;
      if (weights && weights->is_array() && i < weights->as_array().size())
        w = as_number(&weights->as_array()[i]);
      if (auto name = as_text(&names[i])) g.add_resource(*name, w);
    }
  }
  if (const auto* models = member(doc, {"suimodels"}); models && models->is_array()) {
    for (const auto& m : models->as_array()) {
      if (as_text(member(m, {"param"})).value_or("") == "model")
        g.model_hash = as_text(member(m, {"hash"}));
    }
  }
  return g;
}

}  // namespace sp::genmeta::detail
