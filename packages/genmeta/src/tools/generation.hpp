#pragma once
// The one schema every tool parser fills (documented in packages/genmeta/README.md).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sp::genmeta::detail {

struct Resource {
  std::string name;
  std::optional<double> weight;
};

struct Generation {
  std::string tool = "unknown";
  std::optional<std::string> prompt;
  std::optional<std::string> negative_prompt;
  std::optional<std::string> model_name;
  std::optional<std::string> model_hash;
  std::optional<std::string> sampler;
  std::optional<std::string> scheduler;
  std::optional<int64_t> steps;
  std::optional<double> cfg;
  std::optional<uint64_t> seed;
  std::optional<int64_t> width;
  std::optional<int64_t> height;
  std::optional<int64_t> clip_skip;
  std::optional<double> denoise;
  std::vector<Resource> resources;
  std::optional<std::string> raw;

  // Adds a resource unless one of that name is already listed (the first weight wins).
  void add_resource(std::string name, std::optional<double> weight);
  // Fills each absent field from `other` (tool and raw excepted).
  void fill_from(const Generation& other);
};

// The `metadata` JSON object; absent fields omitted, every string valid UTF-8.
std::string to_json(const Generation& g);

}  // namespace sp::genmeta::detail
