#pragma once
// JUMBF (ISO/IEC 19566-5) boxes as C2PA uses them: superboxes ("jumb") whose first child is a
// description box ("jumd": type UUID, toggles, label), then content boxes ("cbor", "json", ...)
// or more superboxes. Depth is capped at 16 and boxes at 10,000; lengths are checked.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sp::genmeta::detail {

struct JumbfSuperbox {
  std::string label;
  std::vector<JumbfSuperbox> children;
  // Content boxes in order: (box type, payload) — views into the store's bytes.
  std::vector<std::pair<std::string_view, std::string_view>> contents;

  const JumbfSuperbox* child(std::string_view label) const;
  // The payload of the first content box of `type`, or nullopt.
  std::optional<std::string_view> content(std::string_view type) const;
};

// The first superbox of `bytes`, or nullopt when it is not one.
std::optional<JumbfSuperbox> parse_jumbf(std::string_view bytes);

}  // namespace sp::genmeta::detail
