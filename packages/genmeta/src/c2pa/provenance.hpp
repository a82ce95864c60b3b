#pragma once
// C2PA provenance from a JUMBF manifest store: the active (last) manifest's claim generator and
// the IPTC digital source type of its actions. The signature is not verified: the result says
// what the file claims, not that the claim is authentic.
#include <optional>
#include <string>
#include <string_view>

namespace sp::genmeta::detail {

struct Provenance {
  std::string vendor = "unknown";  // openai|google|adobe|microsoft|meta|stability|...|unknown
  bool ai_generated = false;       // digitalSourceType ends with trainedAlgorithmicMedia
  std::optional<std::string> digital_source_type;
  std::optional<std::string> claim_generator;
};

// nullopt when `store` is not a C2PA manifest store (no "c2pa" superbox).
std::optional<Provenance> read_provenance(std::string_view store);
std::string to_json(const Provenance& p);
// The vendor a claim generator or software agent names, or "unknown".
std::string vendor_of(std::string_view generator);

}  // namespace sp::genmeta::detail
