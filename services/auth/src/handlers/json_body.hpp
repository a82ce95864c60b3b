#pragma once
// A request's JSON object body, read field by field. Every problem with the fields is collected
// so one 400 can name them all. Only the shapes auth bodies use are kept: strings, booleans and
// lists of strings; anything else is "the wrong type" for any reader.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::auth {

class JsonBody {
 public:
  static constexpr std::size_t kMaxBytes = 16 * 1024;

  // kUnsupportedMedia unless Content-Type is application/json, kPayloadTooLarge beyond
  // `max_bytes`, kInvalidArgument for malformed JSON or anything but an object.
  static Result<JsonBody> parse(const http::Request& request, std::size_t max_bytes = kMaxBytes);
  // As parse(), but an empty body is an empty object (optional bodies).
  static Result<JsonBody> parse_optional(const http::Request& request,
                                         std::size_t max_bytes = kMaxBytes);

  // Missing, mistyped (and, for required strings, empty) fields are recorded.
  std::string required_string(std::string_view name);
  std::optional<std::string> optional_string(std::string_view name);
  bool optional_bool(std::string_view name, bool fallback);
  std::vector<std::string> optional_string_list(std::string_view name);
  // kInvalidArgument listing every recorded field error; ok when there are none.
  Status finish() const;

 private:
  struct Member {
    enum class Kind { kNull, kBool, kString, kStringList, kOther } kind = Kind::kNull;
    bool boolean = false;
    std::string text;
    std::vector<std::string> list;
  };
  const Member* find(std::string_view name) const;
  void wrong_type(std::string_view name, std::string_view expected);

  std::map<std::string, Member, std::less<>> members_;
  std::vector<FieldError> errors_;
};

}  // namespace sp::auth
