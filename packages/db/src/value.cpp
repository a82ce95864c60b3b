#include "strangeprompt/db/value.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>

namespace sp::db {
namespace {

// Saturating double -> int64 (truncates toward zero; NaN gives 0).
int64_t clamp_to_int(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
  if (d <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

double parse_double(std::string_view s) {
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  return ec == std::errc() ? d : 0.0;
}

int64_t parse_int(std::string_view s) {
  int64_t i = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
  if (ec == std::errc() && end == s.data() + s.size()) return i;
  return clamp_to_int(parse_double(s));  // "12.7" -> 12, "abc" -> 0
}

std::string render_double(double d) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);  // shortest round-trip form
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

}  // namespace

int64_t Value::as_int() const {
  return std::visit(
      [](const auto& v) -> int64_t {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, int64_t>) return v;
        if constexpr (std::is_same_v<T, double>) return clamp_to_int(v);
        if constexpr (std::is_same_v<T, std::string>) return parse_int(v);
        return 0;  // NULL, bytes
      },
      v_);
}

double Value::as_double() const {
  return std::visit(
      [](const auto& v) -> double {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, int64_t>) return static_cast<double>(v);
        if constexpr (std::is_same_v<T, double>) return v;
        if constexpr (std::is_same_v<T, std::string>) return parse_double(v);
        return 0.0;  // NULL, bytes
      },
      v_);
}

std::string Value::as_text() const {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, int64_t>) return std::to_string(v);
        if constexpr (std::is_same_v<T, double>) return render_double(v);
        if constexpr (std::is_same_v<T, std::string>) return v;
        if constexpr (std::is_same_v<T, Bytes>) return std::string(v.begin(), v.end());
        return std::string();  // NULL
      },
      v_);
}

Bytes Value::as_bytes() const {
  if (const auto* b = std::get_if<Bytes>(&v_)) return *b;
  std::string text = as_text();
  return Bytes(text.begin(), text.end());
}

}  // namespace sp::db
