#pragma once
// JSON text built by appending to one std::string (no DOM, no Boost): response bodies, events.
// The caller balances begin_*/end_* and puts key() before each value inside an object; commas
// are inserted automatically. Numbers: integers exact; doubles in shortest round-trip form, and
// NaN or infinity (which JSON cannot express) are written as null. Ids are decimal strings and
// times RFC 3339 UTC strings with milliseconds, as the public API promises.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sp {

class JsonWriter {
 public:
  JsonWriter() = default;
  // Continues `out` (its capacity is reused); `out` must end where a value may start.
  explicit JsonWriter(std::string out) : out_(std::move(out)) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // A member name inside an object; the next call writes its value.
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view value);
  JsonWriter& integer(int64_t value);
  JsonWriter& number(double value);  // null when not finite
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  JsonWriter& id(int64_t value);  // "123" (64-bit ids do not survive JavaScript numbers)
  JsonWriter& time(int64_t unix_ms);
  JsonWriter& time(std::optional<int64_t> unix_ms);  // null when absent
  JsonWriter& strings(const std::vector<std::string>& values);
  // `json` must already be one valid JSON value.
  JsonWriter& raw(std::string_view json);

  const std::string& text() const { return out_; }
  std::string take() && { return std::move(out_); }

 private:
  void separate();
  std::string out_;
};

// One flat object, member by member: JsonObject().id("id", 1).string("name", n).str().
class JsonObject {
 public:
  JsonObject() { w_.begin_object(); }

  JsonObject& string(std::string_view name, std::string_view value);
  JsonObject& boolean(std::string_view name, bool value);
  JsonObject& integer(std::string_view name, int64_t value);
  JsonObject& number(std::string_view name, double value);
  JsonObject& id(std::string_view name, int64_t value);
  JsonObject& null(std::string_view name);
  JsonObject& strings(std::string_view name, const std::vector<std::string>& values);
  // An RFC 3339 UTC time, or null.
  JsonObject& time(std::string_view name, std::optional<int64_t> unix_ms);
  // `json` must already be valid JSON text (a nested object or array built elsewhere).
  JsonObject& raw(std::string_view name, std::string_view json);

  std::string str() const { return w_.text() + "}"; }
  std::string take() && { return std::move(w_.end_object()).take(); }

 private:
  JsonWriter w_;
};

// {"items":[...],"next":"<cursor>"|null}: the shape of every list endpoint; `items` are JSON
// values already serialised.
std::string item_list(const std::vector<std::string>& items,
                      const std::optional<std::string>& next = std::nullopt);

}  // namespace sp
