#pragma once
// One parser per tool family, each from the text or JSON that tool writes into the schema.
// Parsers never throw; nullopt means "this is not that tool's format".
#include <boost/json/value.hpp>
#include <optional>
#include <string_view>

#include "container/carriers.hpp"
#include "tools/generation.hpp"

namespace sp::genmeta::detail {

// Automatic1111 and the tools that write its `parameters` text (Forge, reForge, SD.Next,
// Civitai, TensorArt, Fooocus's a1111 scheme, ComfyUI image savers).
std::optional<Generation> parse_a1111(std::string_view text);

// ComfyUI's API graph (`prompt`) and UI graph (`workflow`).
std::optional<Generation> parse_comfy_prompt(const boost::json::value& graph);
std::optional<Generation> parse_comfy_workflow(const boost::json::value& workflow);
// A UI workflow rewritten as an API graph ({"id": {"class_type", "inputs"}}), so one tracer
// serves both.
boost::json::value workflow_to_prompt(const boost::json::value& workflow);

// NovelAI's `Comment` JSON, with `Description` (older prompt) and `Source` (model) when given.
std::optional<Generation> parse_novelai(const boost::json::value& comment,
                                        const std::string* description, const std::string* source);

std::optional<Generation> parse_invokeai_metadata(const boost::json::value& metadata);
std::optional<Generation> parse_invokeai_graph(const boost::json::value& graph);
std::optional<Generation> parse_invokeai_sd_metadata(const boost::json::value& metadata);
std::optional<Generation> parse_invokeai_dream(std::string_view dream);

// Fooocus and RuinedFooocus JSON `parameters`.
std::optional<Generation> parse_fooocus(const boost::json::value& parameters);
// SwarmUI's {"sui_image_params": {...}, "sui_models": [...]}.
std::optional<Generation> parse_swarmui(const boost::json::value& document);

// Splits "prompt [negative] more [negative 2]" (InvokeAI) into the prompt and the negatives.
void split_bracketed_negative(std::string_view text, Generation& g);
// Adds <lora:name:weight>, <lyco:...> and <hypernet:...> tags of a prompt to the resources.
void add_prompt_tag_resources(std::string_view prompt, Generation& g);

// Whether a text (EXIF UserComment, JPEG COM, ...) holds generation parameters of a known tool.
bool is_generation_text(std::string_view text);

// The whole recognition: which tool wrote the carriers' texts, parsed.
Generation recognise(const Carriers& carriers);

}  // namespace sp::genmeta::detail
