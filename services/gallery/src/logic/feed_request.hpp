#pragma once
// The query of GET /v1/gallery/feed as values: sort, period and filters, checked.
#include <cstdint>
#include <optional>
#include <string>

#include "store/gallery_store.hpp"

namespace sp::gallery {

struct FeedFilters {
  FeedSort sort = FeedSort::kHot;
  std::string period = "all";  // day|week|month|year|all
  std::optional<std::string> tag, model, base_model;

  // The cursor list this query pages: cursors of one query never open another's.
  std::string list_name(std::string_view feed) const;
  // Oldest publication time the period admits at `now_ms`; nullopt for "all".
  std::optional<int64_t> since_ms(int64_t now_ms) const;
};

std::string_view to_string(FeedSort sort);
// true for sd15|sdxl|pony|flux|sd3|other.
bool is_base_model(std::string_view family);

}  // namespace sp::gallery
