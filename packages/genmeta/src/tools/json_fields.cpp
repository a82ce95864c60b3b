#include "tools/json_fields.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>

namespace sp::genmeta::detail {
namespace {

bool normalised_equals(std::string_view key, std::string_view wanted) {
  size_t j = 0;
  for (char c : key) {
    if (c == '_' || c == '-' || c == ' ') continue;
    char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (j >= wanted.size() || wanted[j] != lower) return false;
    ++j;
  }
  return j == wanted.size();
}

}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::optional<boost::json::value> parse_json(std::string_view text) {
  text = trim(text);
  if (text.empty() || (text.front() != '{' && text.front() != '[')) return std::nullopt;
  boost::json::parse_options options;
  options.max_depth = 64;
  options.allow_invalid_utf8 = true;
  options.allow_trailing_commas = true;
  std::error_code ec;
  auto v = boost::json::parse(text, ec, {}, options);
  if (ec) return std::nullopt;
  return v;
}

const boost::json::value* member(const boost::json::value& object,
                                 std::initializer_list<std::string_view> names) {
  const auto* o = object.if_object();
  if (!o) return nullptr;
  for (auto name : names) {
    for (const auto& kv : *o)
      if (normalised_equals(kv.key(), name)) return &kv.value();
  }
  return nullptr;
}

std::optional<double> parse_number(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double d = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty() || !std::isfinite(d))
    return std::nullopt;
  return d;
}

std::optional<uint64_t> parse_unsigned(std::string_view s) {
  s = trim(s);
  uint64_t u = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), u);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return u;
}

std::optional<std::string> as_text(const boost::json::value* v) {
  if (!v) return std::nullopt;
  if (const auto* s = v->if_string()) return std::string(s->data(), s->size());
  if (v->is_number()) return boost::json::serialize(*v);
  return std::nullopt;
}

std::optional<double> as_number(const boost::json::value* v) {
  if (!v) return std::nullopt;
  if (const auto* i = v->if_int64()) return static_cast<double>(*i);
  if (const auto* u = v->if_uint64()) return static_cast<double>(*u);
  if (const auto* d = v->if_double()) return std::isfinite(*d) ? std::optional(*d) : std::nullopt;
  if (const auto* s = v->if_string()) return parse_number(std::string_view(*s));
  return std::nullopt;
}

std::optional<int64_t> as_integer(const boost::json::value* v) {
  auto d = as_number(v);
  if (!d || *d < -9.0e15 || *d > 9.0e15) return std::nullopt;
  return static_cast<int64_t>(std::llround(*d));
}

std::optional<uint64_t> as_seed(const boost::json::value* v) {
  if (!v) return std::nullopt;
  if (const auto* u = v->if_uint64()) return *u;
  if (const auto* i = v->if_int64()) return *i >= 0 ? std::optional<uint64_t>(*i) : std::nullopt;
  if (const auto* d = v->if_double())
    return (*d >= 0 && *d < 1.8e19) ? std::optional<uint64_t>(static_cast<uint64_t>(*d))
                                    : std::nullopt;
  if (const auto* s = v->if_string()) return parse_unsigned(std::string_view(*s));
  return std::nullopt;
}

}  // namespace sp::genmeta::detail
