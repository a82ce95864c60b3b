#include "logic/post_rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <utility>

namespace sp::gallery {
namespace {

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Known checkpoint hashes (AUTOMATIC1111 short hashes) for names that carry no family.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kKnownHashes{{
    {"6ce0161689", "sd15"},  // v1-5-pruned-emaonly
    {"cc6cb27103", "sd15"},  // v1-5-pruned
    {"31e35c80fc", "sdxl"},  // sd_xl_base_1.0
    {"e6bb9ea85b", "sdxl"},  // sd_xl_base_1.0_0.9vae
    {"67ab2fd8ec", "pony"},  // ponyDiffusionV6XL
    {"4610115bb0", "flux"},  // flux1-dev
}};

}  // namespace

std::optional<std::string> normalise_tag(std::string_view raw) {
  std::string out;
  bool dash = false;
  for (unsigned char c : raw) {
    if (c >= 0x80) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(c);
    } else if (std::isalnum(c) != 0) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(std::tolower(c));
    } else if (c == ' ' || c == '\t' || c == '_' || c == '-' || c == '\n') {
      dash = true;
    }  // '#' and other punctuation are dropped
  }
  if (out.size() > kMaxTagBytes) {
    std::size_t cut = kMaxTagBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    while (!out.empty() && out.back() == '-') out.pop_back();
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::vector<std::string> normalise_tags(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const std::string& r : raw) {
    auto tag = normalise_tag(r);
    if (tag && std::find(out.begin(), out.end(), *tag) == out.end()) out.push_back(*tag);
  }
  return out;
}

std::string derive_base_model(std::string_view model_name, std::string_view model_hash) {
  const std::string name = lower(model_name);
  // Most specific first: Pony and many SDXL fine-tunes also say "xl".
  if (contains(name, "pony")) return "pony";
  if (contains(name, "flux")) return "flux";
  if (contains(name, "sd3") || contains(name, "sd_3") || contains(name, "stable-diffusion-3") ||
      contains(name, "stable_diffusion_3")) {
    return "sd3";
  }
  if (contains(name, "sdxl") || contains(name, "sd_xl") || contains(name, "xl_") ||
      contains(name, "_xl") || contains(name, "-xl") || contains(name, "xl-") ||
      contains(name, "juggernautxl") || contains(name, "illustrious")) {
    return "sdxl";
  }
  if (contains(name, "v1-5") || contains(name, "sd15") || contains(name, "sd_1.5") ||
      contains(name, "sd-1.5") || contains(name, "1.5") || contains(name, "v1.5") ||
      contains(name, "sd1")) {
    return "sd15";
  }
  const std::string hash = lower(model_hash);
  for (const auto& [known, family] : kKnownHashes) {
    if (!hash.empty() && (hash == known || hash.starts_with(known))) return std::string(family);
  }
  return "other";
}

double engagement_points(int64_t likes, int64_t comments, int64_t views) {
  return static_cast<double>(std::max<int64_t>(likes, 0)) +
         2.0 * static_cast<double>(std::max<int64_t>(comments, 0)) +
         static_cast<double>(std::max<int64_t>(views, 0)) / 10.0;
}

double hot_score(int64_t likes, int64_t comments, int64_t views,
                 std::optional<int64_t> published_at_ms) {
  if (!published_at_ms) return 0;
  constexpr double kEpochSeconds = 1'704'067'200;  // 2024-01-01T00:00:00Z
  constexpr double kDecaySeconds = 45'000;
  const double age = static_cast<double>(*published_at_ms) / 1000.0 - kEpochSeconds;
  return std::log10(1.0 + engagement_points(likes, comments, views)) + age / kDecaySeconds;
}

}  // namespace sp::gallery
