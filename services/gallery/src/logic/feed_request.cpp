#include "logic/feed_request.hpp"

#include <array>

namespace sp::gallery {

std::string_view to_string(FeedSort sort) {
  switch (sort) {
    case FeedSort::kNew:
      return "new";
    case FeedSort::kHot:
      return "hot";
    case FeedSort::kTop:
      return "top";
  }
  return "hot";
}

bool is_base_model(std::string_view family) {
  static constexpr std::array<std::string_view, 6> kFamilies{"sd15", "sdxl", "pony",
                                                             "flux", "sd3",  "other"};
  for (auto f : kFamilies) {
    if (f == family) return true;
  }
  return false;
}

std::string FeedFilters::list_name(std::string_view feed) const {
  std::string name =
      "gallery." + std::string(feed) + "." + std::string(to_string(sort)) + "|" + period;
  for (const auto* f : {&tag, &model, &base_model}) {
    name += "|";
    if (*f) name += **f;
  }
  return name;
}

std::optional<int64_t> FeedFilters::since_ms(int64_t now_ms) const {
  constexpr int64_t kDay = 24LL * 3600 * 1000;
  if (period == "day") return now_ms - kDay;
  if (period == "week") return now_ms - 7 * kDay;
  if (period == "month") return now_ms - 30 * kDay;
  if (period == "year") return now_ms - 365 * kDay;
  return std::nullopt;
}

}  // namespace sp::gallery
