// The package's entry points: sniff the container, read its carriers, recognise the tool, read
// the C2PA store. Any exception from below (allocation failure) becomes "unknown": extraction
// must never fail an upload.
#include "strangeprompt/genmeta/extract.hpp"

#include "c2pa/provenance.hpp"
#include "container/carriers.hpp"
#include "container/stealth.hpp"
#include "strip/strip.hpp"
#include "tools/tools.hpp"

namespace sp::genmeta {
namespace {

using namespace detail;

Carriers read_carriers(std::string_view file, InflateBudget& budget) {
  switch (sniff(file)) {
    case Format::kPng:
      return read_png(file, budget);
    case Format::kJpeg:
      return read_jpeg(file);
    case Format::kWebp:
      return read_webp(file);
    case Format::kOther:
      return {};
  }
  return {};
}

Extraction extract_unguarded(std::string_view file) {
  InflateBudget budget;
  Carriers carriers = read_carriers(file, budget);
  Generation g = recognise(carriers);
  if (g.tool == "unknown" && carriers.png) {
    if (auto hidden = read_stealth_text(*carriers.png, budget)) {
      Carriers stealth;
      stealth.texts.push_back({"parameters", std::move(*hidden)});
      Generation s = recognise(stealth);
      if (s.tool != "unknown") g = std::move(s);
    }
  }
  Extraction out{.metadata_json = to_json(g), .provenance_json = std::nullopt};
  if (!carriers.jumbf.empty())
    if (auto p = read_provenance(carriers.jumbf)) out.provenance_json = to_json(*p);
  return out;
}

}  // namespace

Extraction extract(std::string_view file_bytes) {
  try {
    return extract_unguarded(file_bytes);
  } catch (...) {
    return {.metadata_json = R"({"tool":"unknown"})", .provenance_json = std::nullopt};
  }
}

std::optional<std::string> strip_metadata(std::string_view file_bytes, bool keep_parameters) {
  try {
    switch (sniff(file_bytes)) {
      case Format::kPng:
        return strip_png(file_bytes, keep_parameters);
      case Format::kJpeg:
        return strip_jpeg(file_bytes, keep_parameters);
      case Format::kWebp:
        return strip_webp(file_bytes, keep_parameters);
      case Format::kOther:
        return std::nullopt;
    }
  } catch (...) {
  }
  return std::nullopt;
}

}  // namespace sp::genmeta
