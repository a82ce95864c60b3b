// Fooocus (JSON `parameters`, metadata_scheme "fooocus") and RuinedFooocus (JSON with
// "software": "RuinedFooocus"); both name their fields loosely, hence the alternatives.
#include "tools/json_fields.hpp"
#include "tools/tools.hpp"

namespace sp::genmeta::detail {
namespace {

// "(768, 1280)" -> 768, 1280
void parse_resolution(std::string_view s, Generation& g) {
  auto open = s.find('(');
  auto comma = s.find(',');
  auto close = s.find(')');
  if (open == std::string_view::npos || comma == std::string_view::npos ||
      close == std::string_view::npos || !(open < comma && comma < close))
    return;
  auto w = parse_unsigned(s.substr(open + 1, comma - open - 1));
  auto h = parse_unsigned(s.substr(comma + 1, close - comma - 1));
  if (w && h && *w < (1u << 30) && *h < (1u << 30)) {
    g.width = static_cast<int64_t>(*w);
    g.height = static_cast<int64_t>(*h);
  }
}

}  // namespace

std::optional<Generation> parse_fooocus(const boost::json::value& p) {
  if (!p.is_object()) return std::nullopt;
  auto software = as_text(member(p, {"software", "version"})).value_or("");
  bool ruined = software.find("RuinedFooocus") != std::string::npos;
  bool fooocus = ruined || member(p, {"metadatascheme"}) || member(p, {"fullprompt"}) ||
                 software.find("Fooocus") != std::string::npos;
  if (!fooocus) return std::nullopt;
  Generation g;
  g.tool = ruined ? "RuinedFooocus" : "Fooocus";
  g.prompt = as_text(member(p, {"prompt"}));
  g.negative_prompt = as_text(member(p, {"negativeprompt", "negative"}));
  g.steps = as_integer(member(p, {"steps"}));
  g.cfg = as_number(member(p, {"guidancescale", "cfg", "cfgscale"}));
  g.seed = as_seed(member(p, {"seed"}));
  g.sampler = as_text(member(p, {"sampler", "samplername"}));
  g.scheduler = as_text(member(p, {"scheduler"}));
  g.model_name = as_text(member(p, {"basemodel", "basemodelname", "model"}));
  g.model_hash = as_text(member(p, {"basemodelhash"}));
  g.clip_skip = as_integer(member(p, {"clipskip"}));
  g.denoise = as_number(member(p, {"denoise", "denoisingstrength"}));
  g.width = as_integer(member(p, {"width"}));
  g.height = as_integer(member(p, {"height"}));
  if (auto res = as_text(member(p, {"resolution"}))) parse_resolution(*res, g);
  if (const auto* loras = member(p, {"loras"}); loras && loras->is_array()) {
    for (const auto& l : loras->as_array()) {
      // [name, weight] or [name, weight, hash] or {"name", "weight"}
      if (const auto* a = l.if_array(); a && a->size() >= 2) {
        auto name = as_text(&(*a)[0]);
        auto weight = as_number(&(*a)[1]);
        if (name && !weight && a->size() >= 3) weight = as_number(&(*a)[2]);
        if (name && *name != "None") g.add_resource(*name, weight);
      } else if (auto name = as_text(member(l, {"name"}))) {
        g.add_resource(*name, as_number(member(l, {"weight"})));
      }
    }
  }
  return g;
}

}  // namespace sp::genmeta::detail
