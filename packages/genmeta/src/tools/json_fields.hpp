#pragma once
// Tolerant reading of tool-written JSON: keys matched without regard to case, '_', '-' or ' '
// ("cfg_scale" == "CFG Scale"), numbers accepted as JSON numbers or numeric strings. Nothing
// here throws.
#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace sp::genmeta::detail {

// A JSON document, or nullopt when `text` is not JSON (depth limited to 64).
std::optional<boost::json::value> parse_json(std::string_view text);

// The first member whose normalised key equals one of `names` (given normalised: lower case,
// no separators), tried in the order of `names`.
const boost::json::value* member(const boost::json::value& object,
                                 std::initializer_list<std::string_view> names);

std::optional<std::string> as_text(const boost::json::value* v);  // strings; numbers printed
std::optional<double> as_number(const boost::json::value* v);     // numbers, numeric strings
std::optional<int64_t> as_integer(const boost::json::value* v);
std::optional<uint64_t> as_seed(const boost::json::value* v);  // non-negative integers

std::optional<double> parse_number(std::string_view s);
std::optional<uint64_t> parse_unsigned(std::string_view s);
std::string_view trim(std::string_view s);

}  // namespace sp::genmeta::detail
