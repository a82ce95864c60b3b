#include "strangeprompt/core/json_writer.hpp"

#include <charconv>
#include <cmath>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/json_text.hpp"

namespace sp {
namespace {

void append_digits(std::string& out, int64_t v, int width) {
  char buf[8];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out.append(buf, static_cast<std::size_t>(width));
}

// format_rfc3339_ms without gmtime_r and snprintf (responses write many times): days to a civil
// date by H. Hinnant's algorithm. Years outside 0000..9999 take the slow path.
void append_rfc3339_ms(std::string& out, int64_t unix_ms) {
  int64_t secs = unix_ms / 1000;
  int64_t ms = unix_ms % 1000;
  if (ms < 0) {
    ms += 1000;
    secs -= 1;
  }
  int64_t days = secs / 86400;
  int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    days -= 1;
  }
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) {
    out += format_rfc3339_ms(unix_ms);
    return;
  }
  append_digits(out, year, 4);
  out.push_back('-');
  append_digits(out, month, 2);
  out.push_back('-');
  append_digits(out, day, 2);
  out.push_back('T');
  append_digits(out, rem / 3600, 2);
  out.push_back(':');
  append_digits(out, rem / 60 % 60, 2);
  out.push_back(':');
  append_digits(out, rem % 60, 2);
  out.push_back('.');
  append_digits(out, ms, 3);
  out.push_back('Z');
}

}  // namespace

void JsonWriter::separate() {
  if (out_.empty()) return;
  const char last = out_.back();
  if (last != '{' && last != '[' && last != ':') out_.push_back(',');
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  out_.push_back('{');
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_.push_back('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  separate();
  out_.push_back('[');
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_.push_back(']');
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_.push_back(':');
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
  separate();
  append_json_string(out_, value);
  return *this;
}

JsonWriter& JsonWriter::integer(int64_t value) {
  separate();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::number(double value) {
  if (!std::isfinite(value)) return null();
  separate();
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  separate();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::id(int64_t value) {
  separate();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out_.push_back('"');
  out_.append(buf, end);
  out_.push_back('"');
  return *this;
}

JsonWriter& JsonWriter::time(int64_t unix_ms) {
  separate();
  out_.push_back('"');
  append_rfc3339_ms(out_, unix_ms);  // digits, '-', ':', 'T', '.', 'Z': nothing to escape
  out_.push_back('"');
  return *this;
}

JsonWriter& JsonWriter::time(std::optional<int64_t> unix_ms) {
  return unix_ms ? time(*unix_ms) : null();
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& values) {
  begin_array();
  for (const std::string& v : values) string(v);
  return end_array();
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  out_ += json;
  return *this;
}

JsonObject& JsonObject::string(std::string_view name, std::string_view value) {
  w_.key(name).string(value);
  return *this;
}

JsonObject& JsonObject::boolean(std::string_view name, bool value) {
  w_.key(name).boolean(value);
  return *this;
}

JsonObject& JsonObject::integer(std::string_view name, int64_t value) {
  w_.key(name).integer(value);
  return *this;
}

JsonObject& JsonObject::number(std::string_view name, double value) {
  w_.key(name).number(value);
  return *this;
}

JsonObject& JsonObject::id(std::string_view name, int64_t value) {
  w_.key(name).id(value);
  return *this;
}

JsonObject& JsonObject::null(std::string_view name) {
  w_.key(name).null();
  return *this;
}

JsonObject& JsonObject::strings(std::string_view name, const std::vector<std::string>& values) {
  w_.key(name).strings(values);
  return *this;
}

JsonObject& JsonObject::time(std::string_view name, std::optional<int64_t> unix_ms) {
  w_.key(name).time(unix_ms);
  return *this;
}

JsonObject& JsonObject::raw(std::string_view name, std::string_view json) {
  w_.key(name).raw(json);
  return *this;
}

std::string item_list(const std::vector<std::string>& items,
                      const std::optional<std::string>& next) {
  std::size_t size = 32 + (next ? next->size() : 0);
  for (const std::string& item : items) size += item.size() + 1;
  std::string buffer;
  buffer.reserve(size);
  JsonWriter w(std::move(buffer));
  w.begin_object().key("items").begin_array();
  for (const std::string& item : items) w.raw(item);
  w.end_array().key("next");
  if (next) {
    w.string(*next);
  } else {
    w.null();
  }
  return std::move(w.end_object()).take();
}

}  // namespace sp
