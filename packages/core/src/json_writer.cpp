#include "strangeprompt/core/json_writer.hpp"

#include <charconv>
#include <cmath>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/json_text.hpp"

namespace sp {

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
  out_ += format_rfc3339_ms(unix_ms);  // digits, '-', ':', 'T', '.', 'Z': nothing to escape
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
