#pragma once
// Pure rules of a post: tag normalisation, the base-model family, the `hot` score.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sp::gallery {

inline constexpr std::size_t kMaxTags = 20;
inline constexpr std::size_t kMaxTagBytes = 40;

// A tag as stored and matched: lower-case ASCII, leading '#' dropped, runs of blanks, '_' and
// '-' become one '-', other ASCII punctuation dropped, non-ASCII kept; trimmed of '-', cut to
// kMaxTagBytes on a character boundary. nullopt when nothing is left.
std::optional<std::string> normalise_tag(std::string_view raw);
// Normalised, duplicates removed (first occurrence kept, order otherwise preserved).
std::vector<std::string> normalise_tags(const std::vector<std::string>& raw);

// The model family, from the model name (and hash when the name says nothing): one of
// sd15|sdxl|pony|flux|sd3|other.
std::string derive_base_model(std::string_view model_name, std::string_view model_hash);

// Engagement points of a post: likes + 2 * comments + views / 10.
double engagement_points(int64_t likes, int64_t comments, int64_t views);
// hot = log10(1 + points) + (published_at_s - 2024-01-01) / 45000: every 12.5 hours of recency
// weigh as much as a tenfold engagement. 0 for a post never published.
double hot_score(int64_t likes, int64_t comments, int64_t views,
                 std::optional<int64_t> published_at_ms);

}  // namespace sp::gallery
