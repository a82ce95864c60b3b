#pragma once
// Generation metadata and content provenance read out of an image file's bytes (PNG, JPEG,
// WebP): the prompt, negative prompt, model, sampler, steps, CFG, seed, ... that image tools
// write (Automatic1111 and its forks, ComfyUI, NovelAI, InvokeAI, Fooocus, SwarmUI, ...), and a
// C2PA manifest's provenance. Pure parsing: no I/O, no decoding of pixels beyond what a format
// needs (NovelAI's alpha-channel "stealth" metadata). Never fails and never throws: unknown or
// broken metadata is `{"tool":"unknown"}`.
#include <optional>
#include <string>
#include <string_view>

namespace sp::genmeta {

struct Extraction {
  // The documented `metadata` object as JSON text: tool, prompt, negativePrompt,
  // model{name,hash}, sampler, scheduler, steps, cfg, seed, width, height, clipSkip, denoise,
  // resources[{name,weight}], raw. Absent fields are omitted; `tool` is always present.
  std::string metadata_json;
  // The `provenance` object (vendor, aiGenerated, digitalSourceType, claimGenerator) when the
  // file carries a C2PA manifest.
  std::optional<std::string> provenance_json;
};

Extraction extract(std::string_view file_bytes);

// The file with every metadata chunk/segment removed except the generation-parameter text (or
// with none at all when `keep_parameters` is false), pixels untouched; nullopt for a format it
// cannot rewrite safely (the caller then serves re-encoded pixels instead).
std::optional<std::string> strip_metadata(std::string_view file_bytes, bool keep_parameters);

}  // namespace sp::genmeta
