#pragma once
// Reading JSON response bodies in auth tests as Boost.JSON objects (the tests assert on them
// directly). New tests can use http::testing::JsonBody, which names no JSON library.
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace sp::auth::testing {

inline boost::json::object json_object(std::string_view text) {
  return boost::json::parse(text).as_object();
}

// Member names of an object, in order.
inline std::vector<std::string> keys_of(const boost::json::object& o) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : o) keys.emplace_back(key);
  return keys;
}

inline std::string text_of(const boost::json::object& o, std::string_view name) {
  const boost::json::value* v = o.if_contains(name);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace sp::auth::testing
