#pragma once
// A request's JSON object body, read field by field with its rules. Every invalid field is
// collected, with its path, so one 400 names them all: nested members are dotted
// ("params.steps") and array elements use their index as a segment ("resources.0.weight").
// finish() also rejects every member no reader asked for ("is not a known field"): a client
// cannot set what the handler did not mean to accept (mass assignment).
//
// A JSON null reads as absent, except through the patch_* readers, where absent means
// "unchanged", null "clear" and a value "set". Strings are valid UTF-8 (the parser checks) and
// their limits count Unicode code points, not bytes.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strangeprompt/core/patch.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::http {

namespace detail {
struct BodyState;
struct FieldsAccess;
}  // namespace detail

// Length rules of a string, in code points. Required strings are never empty.
struct TextRule {
  std::size_t min_chars = 0;
  std::size_t max_chars = 0;  // 0: no limit beyond the body's size
};

struct IntRange {
  int64_t min = std::numeric_limits<int64_t>::min();
  int64_t max = std::numeric_limits<int64_t>::max();
};

struct NumberRange {
  double min = std::numeric_limits<double>::lowest();
  double max = std::numeric_limits<double>::max();
};

struct ListRule {
  std::size_t max_items = 0;  // 0: no limit beyond the body's size
  TextRule item = {};         // for lists of strings
};

template <class E>
using Choices = std::initializer_list<std::pair<std::string_view, E>>;

// The members of one JSON object. Cheap to copy (readers of one body share its state).
class JsonFields {
 public:
  enum class Presence { kAbsent, kNull, kPresent };
  // Whether `name` was sent, and as null; marks it known.
  Presence presence(std::string_view name);
  // The path of `name` in this object, as reported in errors ("params.steps").
  std::string path_of(std::string_view name) const;
  // Records an error for `name` (rules the readers cannot express).
  void reject(std::string_view name, std::string message);

  // Each reader marks `name` known. required_* record "is required" when it is absent or null;
  // an invalid value is recorded too. Either way the reader returns a default (empty, 0, false,
  // nullopt, unchanged): act on the values only after finish() succeeded.
  std::string required_string(std::string_view name, TextRule rule = {});
  std::optional<std::string> optional_string(std::string_view name, TextRule rule = {});
  Patch<std::string> patch_string(std::string_view name, TextRule rule = {});

  bool required_bool(std::string_view name);
  bool optional_bool(std::string_view name, bool fallback);
  Patch<bool> patch_bool(std::string_view name);

  // Integers only (1.5 and 1e3 are refused), within `range`.
  int64_t required_int(std::string_view name, IntRange range = {});
  std::optional<int64_t> optional_int(std::string_view name, IntRange range = {});
  Patch<int64_t> patch_int(std::string_view name, IntRange range = {});

  // Any JSON number, within `range`.
  double required_double(std::string_view name, NumberRange range = {});
  std::optional<double> optional_double(std::string_view name, NumberRange range = {});
  Patch<double> patch_double(std::string_view name, NumberRange range = {});

  // Ids travel as decimal strings ("123"), never as JSON numbers.
  int64_t required_id(std::string_view name);
  std::optional<int64_t> optional_id(std::string_view name);
  Patch<int64_t> patch_id(std::string_view name);

  // RFC 3339 date-times, as Unix milliseconds.
  std::optional<int64_t> optional_time(std::string_view name);

  // One of a fixed set of strings, e.g. {{"hot", Sort::kHot}, {"new", Sort::kNew}}.
  template <class E>
  E required_enum(std::string_view name, Choices<E> choices);
  template <class E>
  std::optional<E> optional_enum(std::string_view name, Choices<E> choices);
  template <class E>
  Patch<E> patch_enum(std::string_view name, Choices<E> choices);

  std::vector<std::string> required_string_list(std::string_view name, ListRule rule = {});
  std::vector<std::string> optional_string_list(std::string_view name, ListRule rule = {});
  Patch<std::vector<std::string>> patch_string_list(std::string_view name, ListRule rule = {});

  // A nested object as its own reader. When it is absent (or invalid, which is recorded) the
  // reader returned is inert: its reads return defaults and record nothing.
  JsonFields required_object(std::string_view name);
  std::optional<JsonFields> optional_object(std::string_view name);
  // An array of objects, one reader per element; absent is an empty list.
  std::vector<JsonFields> object_list(std::string_view name, ListRule rule = {});

 protected:
  JsonFields() = default;

 private:
  friend struct detail::FieldsAccess;
  std::optional<std::size_t> choice(std::string_view name, bool required,
                                    const std::vector<std::string_view>& names);

  std::shared_ptr<detail::BodyState> state_;
  std::size_t scope_ = 0;
};

class JsonBody : public JsonFields {
 public:
  static constexpr std::size_t kMaxBytes = 16 * 1024;

  // kUnsupportedMedia unless Content-Type is application/json, kPayloadTooLarge beyond
  // `max_bytes`, kInvalidArgument for malformed JSON or anything but an object.
  static Result<JsonBody> parse(const Request& request, std::size_t max_bytes = kMaxBytes);
  // As parse(), but an empty body is an empty object (optional bodies).
  static Result<JsonBody> parse_optional(const Request& request, std::size_t max_bytes = kMaxBytes);
  // For tests and non-HTTP input: `text` must be a JSON object.
  static Result<JsonBody> from_text(std::string_view text);

  // kInvalidArgument ("invalid request body") listing every recorded field error and every
  // member of a read object that no reader asked for; ok when there are none.
  Status finish() const;

 private:
  JsonBody() = default;
};

template <class E>
E JsonFields::required_enum(std::string_view name, Choices<E> choices) {
  std::vector<std::string_view> names;
  for (const auto& c : choices) names.push_back(c.first);
  auto index = choice(name, true, names);
  return index ? std::data(choices)[*index].second : E{};
}

template <class E>
std::optional<E> JsonFields::optional_enum(std::string_view name, Choices<E> choices) {
  std::vector<std::string_view> names;
  for (const auto& c : choices) names.push_back(c.first);
  auto index = choice(name, false, names);
  if (!index) return std::nullopt;
  return std::data(choices)[*index].second;
}

template <class E>
Patch<E> JsonFields::patch_enum(std::string_view name, Choices<E> choices) {
  if (presence(name) == Presence::kNull) return Patch<E>::clear();
  auto value = optional_enum(name, choices);
  return value ? Patch<E>::set(*value) : Patch<E>();
}

}  // namespace sp::http
