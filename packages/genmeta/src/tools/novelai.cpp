// NovelAI: `Comment` JSON (steps, sampler, seed, scale, uc, prompt in newer versions, width,
// height, noise_schedule), `Description` (the prompt in older versions) and `Source`
// ("Stable Diffusion 1D44365E": model name and hash).
#include "tools/json_fields.hpp"
#include "tools/tools.hpp"

namespace sp::genmeta::detail {

std::optional<Generation> parse_novelai(const boost::json::value& comment,
                                        const std::string* description, const std::string* source) {
  if (!comment.is_object()) return std::nullopt;
  Generation g;
  g.tool = "NovelAI";
  g.prompt = as_text(member(comment, {"prompt"}));
  if (!g.prompt && description) g.prompt = *description;
  g.negative_prompt = as_text(member(comment, {"uc", "negativeprompt"}));
  g.steps = as_integer(member(comment, {"steps"}));
  g.sampler = as_text(member(comment, {"sampler"}));
  g.scheduler = as_text(member(comment, {"noiseschedule"}));
  g.cfg = as_number(member(comment, {"scale"}));
  g.seed = as_seed(member(comment, {"seed"}));
  g.width = as_integer(member(comment, {"width"}));
  g.height = as_integer(member(comment, {"height"}));
  if (source) {
    std::string_view s = trim(*source);
    auto space = s.rfind(' ');
    std::string_view last = space == std::string_view::npos ? s : s.substr(space + 1);
    bool hex = last.size() == 8 &&
               last.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
    if (hex && space != std::string_view::npos) {
      g.model_name = std::string(s.substr(0, space));
      g.model_hash = std::string(last);
    } else if (!s.empty()) {
      g.model_name = std::string(s);
    }
  }
  return g;
}

}  // namespace sp::genmeta::detail
