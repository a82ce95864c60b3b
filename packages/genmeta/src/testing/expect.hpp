#pragma once
// Reads extract()'s JSON back for assertions.
#include <boost/json.hpp>
#include <optional>
#include <string_view>

#include "strangeprompt/genmeta/extract.hpp"

namespace sp::genmeta::testing {

inline boost::json::object metadata_of(std::string_view file) {
  return boost::json::parse(extract(file).metadata_json).as_object();
}

inline std::optional<boost::json::object> provenance_of(std::string_view file) {
  auto p = extract(file).provenance_json;
  if (!p) return std::nullopt;
  return boost::json::parse(*p).as_object();
}

inline std::string str(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string("<absent>");
}

inline double num(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_number() ? v->to_number<double>() : -1.0;
}

}  // namespace sp::genmeta::testing
