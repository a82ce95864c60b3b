// Placeholder until the format readers land: reports no metadata and cannot strip.
#include "strangeprompt/genmeta/extract.hpp"

namespace sp::genmeta {

Extraction extract(std::string_view) {
  return {.metadata_json = R"({"tool":"unknown"})", .provenance_json = std::nullopt};
}

std::optional<std::string> strip_metadata(std::string_view, bool) {
  return std::nullopt;
}

}  // namespace sp::genmeta
