// JsonFields' value readers: strings, booleans, numbers, ids, times, enums, string lists, and
// their PATCH forms.
#include <charconv>

#include "json_body_state.hpp"
#include "strangeprompt/core/id.hpp"
#include "strangeprompt/core/rfc3339.hpp"
#include "strangeprompt/http/json_body.hpp"

namespace sp::http {

namespace {

using detail::Field;
using detail::FieldsAccess;

std::string number_text(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

template <class T>
std::string range_message(T min, T max, T lowest, T highest, std::string (*text)(T)) {
  if (min != lowest && max != highest) return "must be between " + text(min) + " and " + text(max);
  if (min != lowest) return "must be at least " + text(min);
  return "must be at most " + text(max);
}

std::string int_text(int64_t v) {
  return std::to_string(v);
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool check_text(const Field& f, const std::string& text, const TextRule& rule) {
  const std::size_t n = code_points(text);
  if (rule.min_chars > 0 && n < rule.min_chars) {
    f.fail("must be at least " + std::to_string(rule.min_chars) + " characters");
    return false;
  }
  if (rule.max_chars > 0 && n > rule.max_chars) {
    f.fail("must be at most " + std::to_string(rule.max_chars) + " characters");
    return false;
  }
  return true;
}

std::optional<std::string> read_string(const Field& f, bool required, TextRule rule) {
  if (f.missing(required) || f.inert) return std::nullopt;
  if (!f.value->is_string()) {
    f.fail("must be a string");
    return std::nullopt;
  }
  std::string text(f.value->get_string());
  if (required && text.empty()) {
    f.fail("must not be empty");
    return std::nullopt;
  }
  if (!check_text(f, text, rule)) return std::nullopt;
  return text;
}

std::optional<bool> read_bool(const Field& f, bool required) {
  if (f.missing(required) || f.inert) return std::nullopt;
  if (!f.value->is_bool()) {
    f.fail("must be true or false");
    return std::nullopt;
  }
  return f.value->get_bool();
}

std::optional<int64_t> read_int(const Field& f, bool required, IntRange range) {
  if (f.missing(required) || f.inert) return std::nullopt;
  const auto fail_range = [&] {
    f.fail(range_message<int64_t>(range.min, range.max, std::numeric_limits<int64_t>::min(),
                                  std::numeric_limits<int64_t>::max(), int_text));
  };
  if (f.value->is_uint64()) {  // beyond int64: out of any range
    fail_range();
    return std::nullopt;
  }
  if (!f.value->is_int64()) {
    f.fail("must be an integer");
    return std::nullopt;
  }
  const int64_t v = f.value->get_int64();
  if (v < range.min || v > range.max) {
    fail_range();
    return std::nullopt;
  }
  return v;
}

std::optional<double> read_double(const Field& f, bool required, NumberRange range) {
  if (f.missing(required) || f.inert) return std::nullopt;
  if (!f.value->is_number()) {
    f.fail("must be a number");
    return std::nullopt;
  }
  const double v = f.value->to_number<double>();
  if (v < range.min || v > range.max) {
    f.fail(range_message<double>(range.min, range.max, std::numeric_limits<double>::lowest(),
                                 std::numeric_limits<double>::max(), number_text));
    return std::nullopt;
  }
  return v;
}

std::optional<int64_t> read_id(const Field& f, bool required) {
  if (f.missing(required) || f.inert) return std::nullopt;
  std::optional<int64_t> id;
  if (f.value->is_string()) id = parse_id(f.value->get_string());
  if (!id) f.fail("must be an id (a string of digits)");
  return id;
}

std::optional<std::vector<std::string>> read_string_list(const Field& f, bool required,
                                                         const ListRule& rule) {
  if (f.missing(required) || f.inert) return std::nullopt;
  const json::array* items = f.value->if_array();
  if (items == nullptr) {
    f.fail("must be a list of strings");
    return std::nullopt;
  }
  if (rule.max_items > 0 && items->size() > rule.max_items) {
    f.fail("must have at most " + std::to_string(rule.max_items) + " items");
    return std::nullopt;
  }
  std::vector<std::string> out;
  out.reserve(items->size());
  bool ok = true;
  const std::string path = f.path();
  for (std::size_t i = 0; i < items->size(); ++i) {
    // Elements are reported as "<list>.<index>".
    auto element_fail = [&](std::string message) {
      f.state->errors.push_back({path + "." + std::to_string(i), std::move(message)});
      ok = false;
    };
    const json::value& item = (*items)[i];
    if (!item.is_string()) {
      element_fail("must be a string");
      continue;
    }
    std::string text(item.get_string());
    const std::size_t n = code_points(text);
    if (rule.item.min_chars > 0 && n < rule.item.min_chars) {
      element_fail("must be at least " + std::to_string(rule.item.min_chars) + " characters");
    } else if (rule.item.max_chars > 0 && n > rule.item.max_chars) {
      element_fail("must be at most " + std::to_string(rule.item.max_chars) + " characters");
    }
    out.push_back(std::move(text));
  }
  if (!ok) return std::nullopt;
  return out;
}

template <class T, class Read>
Patch<T> read_patch(const Field& f, Read read) {
  if (f.presence == JsonFields::Presence::kNull) return Patch<T>::clear();
  std::optional<T> value = read(f);
  return value ? Patch<T>::set(std::move(*value)) : Patch<T>();
}

}  // namespace

JsonFields::Presence JsonFields::presence(std::string_view name) {
  return FieldsAccess::lookup(*this, name).presence;
}

std::string JsonFields::path_of(std::string_view name) const {
  const std::string& prefix = state_->scopes[scope_].path;
  return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
}

void JsonFields::reject(std::string_view name, std::string message) {
  state_->errors.push_back({path_of(name), std::move(message)});
}

std::string JsonFields::required_string(std::string_view name, TextRule rule) {
  return read_string(FieldsAccess::lookup(*this, name), true, rule).value_or(std::string());
}

std::optional<std::string> JsonFields::optional_string(std::string_view name, TextRule rule) {
  return read_string(FieldsAccess::lookup(*this, name), false, rule);
}

Patch<std::string> JsonFields::patch_string(std::string_view name, TextRule rule) {
  return read_patch<std::string>(FieldsAccess::lookup(*this, name),
                                 [&](const Field& f) { return read_string(f, false, rule); });
}

bool JsonFields::required_bool(std::string_view name) {
  return read_bool(FieldsAccess::lookup(*this, name), true).value_or(false);
}

bool JsonFields::optional_bool(std::string_view name, bool fallback) {
  return read_bool(FieldsAccess::lookup(*this, name), false).value_or(fallback);
}

Patch<bool> JsonFields::patch_bool(std::string_view name) {
  return read_patch<bool>(FieldsAccess::lookup(*this, name),
                          [](const Field& f) { return read_bool(f, false); });
}

int64_t JsonFields::required_int(std::string_view name, IntRange range) {
  return read_int(FieldsAccess::lookup(*this, name), true, range).value_or(0);
}

std::optional<int64_t> JsonFields::optional_int(std::string_view name, IntRange range) {
  return read_int(FieldsAccess::lookup(*this, name), false, range);
}

Patch<int64_t> JsonFields::patch_int(std::string_view name, IntRange range) {
  return read_patch<int64_t>(FieldsAccess::lookup(*this, name),
                             [&](const Field& f) { return read_int(f, false, range); });
}

double JsonFields::required_double(std::string_view name, NumberRange range) {
  return read_double(FieldsAccess::lookup(*this, name), true, range).value_or(0.0);
}

std::optional<double> JsonFields::optional_double(std::string_view name, NumberRange range) {
  return read_double(FieldsAccess::lookup(*this, name), false, range);
}

Patch<double> JsonFields::patch_double(std::string_view name, NumberRange range) {
  return read_patch<double>(FieldsAccess::lookup(*this, name),
                            [&](const Field& f) { return read_double(f, false, range); });
}

int64_t JsonFields::required_id(std::string_view name) {
  return read_id(FieldsAccess::lookup(*this, name), true).value_or(0);
}

std::optional<int64_t> JsonFields::optional_id(std::string_view name) {
  return read_id(FieldsAccess::lookup(*this, name), false);
}

Patch<int64_t> JsonFields::patch_id(std::string_view name) {
  return read_patch<int64_t>(FieldsAccess::lookup(*this, name),
                             [](const Field& f) { return read_id(f, false); });
}

std::optional<int64_t> JsonFields::optional_time(std::string_view name) {
  const Field f = FieldsAccess::lookup(*this, name);
  std::optional<std::string> text = read_string(f, false, {});
  if (!text) return std::nullopt;
  std::optional<int64_t> ms = parse_rfc3339_ms(*text);
  if (!ms) f.fail("must be an RFC 3339 date-time");
  return ms;
}

std::optional<std::size_t> JsonFields::choice(std::string_view name, bool required,
                                              const std::vector<std::string_view>& names) {
  const Field f = FieldsAccess::lookup(*this, name);
  if (f.missing(required) || f.inert) return std::nullopt;
  if (f.value->is_string()) {
    const std::string_view text = f.value->get_string();
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == text) return i;
    }
  }
  std::string message = "must be one of:";
  for (std::size_t i = 0; i < names.size(); ++i) {
    message += i == 0 ? " " : ", ";
    message += names[i];
  }
  f.fail(std::move(message));
  return std::nullopt;
}

std::vector<std::string> JsonFields::required_string_list(std::string_view name, ListRule rule) {
  return read_string_list(FieldsAccess::lookup(*this, name), true, rule)
      .value_or(std::vector<std::string>());
}

std::vector<std::string> JsonFields::optional_string_list(std::string_view name, ListRule rule) {
  return read_string_list(FieldsAccess::lookup(*this, name), false, rule)
      .value_or(std::vector<std::string>());
}

Patch<std::vector<std::string>> JsonFields::patch_string_list(std::string_view name,
                                                              ListRule rule) {
  return read_patch<std::vector<std::string>>(
      FieldsAccess::lookup(*this, name),
      [&](const Field& f) { return read_string_list(f, false, rule); });
}

}  // namespace sp::http
