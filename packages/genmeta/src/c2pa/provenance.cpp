#include "c2pa/provenance.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "c2pa/cbor.hpp"
#include "c2pa/jumbf.hpp"
#include "container/text_encoding.hpp"
#include "strangeprompt/core/json_writer.hpp"

namespace sp::genmeta::detail {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// claim_generator_info: an array of maps (claim v1) or one map (claim v2); its first name.
std::optional<std::string> generator_info_name(const Cbor& claim) {
  const Cbor* info = claim.get("claim_generator_info");
  if (!info) return std::nullopt;
  if (info->kind == Cbor::Kind::kArray && !info->items.empty()) info = &info->items.front();
  const Cbor* name = info->get("name");
  if (name && name->text()) return *name->text();
  return std::nullopt;
}

std::optional<std::string> agent_name(const Cbor& action) {
  const Cbor* agent = action.get("softwareAgent");
  if (!agent) return std::nullopt;
  if (agent->text()) return *agent->text();
  if (const Cbor* name = agent->get("name"); name && name->text()) return *name->text();
  return std::nullopt;
}

// Reads the actions assertions of one manifest: the source type (a "c2pa.created" action's
// first) and the software agent.
void read_actions(const JumbfSuperbox& manifest, std::optional<std::string>& source_type,
                  std::optional<std::string>& agent) {
  const JumbfSuperbox* assertions = manifest.child("c2pa.assertions");
  if (!assertions) return;
  for (const auto& a : assertions->children) {
    if (!a.label.starts_with("c2pa.actions")) continue;
    auto payload = a.content("cbor");
    auto doc = payload ? decode_cbor(*payload) : std::nullopt;
    const Cbor* actions = doc ? doc->get("actions") : nullptr;
    if (!actions || actions->kind != Cbor::Kind::kArray) continue;
    for (const auto& action : actions->items) {
      const Cbor* type = action.get("digitalSourceType");
      const Cbor* verb = action.get("action");
      bool created = verb && verb->text() && *verb->text() == "c2pa.created";
      if (type && type->text() && (!source_type || created)) source_type = *type->text();
      if (auto name = agent_name(action); name && (!agent || created)) agent = name;
    }
  }
}

}  // namespace

std::string vendor_of(std::string_view generator) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kNames = {{
      {"openai", "openai"},
      {"chatgpt", "openai"},
      {"dall", "openai"},
      {"sora", "openai"},
      {"google", "google"},
      {"gemini", "google"},
      {"imagen", "google"},
      {"adobe", "adobe"},
      {"firefly", "adobe"},
      {"photoshop", "adobe"},
      {"lightroom", "adobe"},
      {"microsoft", "microsoft"},
      {"bing", "microsoft"},
      {"azure", "microsoft"},
      {"meta ai", "meta"},
      {"stability", "stability"},
      {"midjourney", "midjourney"},
      {"truepic", "truepic"},
  }};
  std::string g = lower(generator);
  for (const auto& [needle, vendor] : kNames)
    if (g.find(needle) != std::string::npos) return std::string(vendor);
  return "unknown";
}

std::optional<Provenance> read_provenance(std::string_view bytes) {
  auto store = parse_jumbf(bytes);
  if (!store || store->label != "c2pa") return std::nullopt;
  Provenance p;
  std::optional<std::string> agent;
  std::optional<std::string> claim_generator;
  // The active manifest is the last one; earlier ones (ingredients) fill what it lacks.
  for (auto it = store->children.rbegin(); it != store->children.rend(); ++it) {
    const JumbfSuperbox& manifest = *it;
    const JumbfSuperbox* claim_box = manifest.child("c2pa.claim.v2");
    if (!claim_box) claim_box = manifest.child("c2pa.claim");
    auto payload = claim_box ? claim_box->content("cbor") : std::nullopt;
    if (auto claim = payload ? decode_cbor(*payload) : std::nullopt; claim && !claim_generator) {
      claim_generator = generator_info_name(*claim);
      if (!claim_generator)
        if (const Cbor* g = claim->get("claim_generator"); g && g->text())
          claim_generator = *g->text();
    }
    read_actions(manifest, p.digital_source_type, agent);
    if (claim_generator && p.digital_source_type) break;
  }
  p.claim_generator = claim_generator;
  if (claim_generator) p.vendor = vendor_of(*claim_generator);
  if (p.vendor == "unknown" && agent) p.vendor = vendor_of(*agent);
  constexpr std::string_view kAi = "trainedAlgorithmicMedia";
  p.ai_generated = p.digital_source_type && p.digital_source_type->ends_with(kAi);
  return p;
}

std::string to_json(const Provenance& p) {
  JsonWriter w;
  w.begin_object();
  w.key("vendor").string(p.vendor);
  w.key("aiGenerated").boolean(p.ai_generated);
  if (p.digital_source_type)
    w.key("digitalSourceType").string(to_utf8_or_latin1(*p.digital_source_type));
  if (p.claim_generator) w.key("claimGenerator").string(to_utf8_or_latin1(*p.claim_generator));
  w.end_object();
  return std::move(w).take();
}

}  // namespace sp::genmeta::detail
