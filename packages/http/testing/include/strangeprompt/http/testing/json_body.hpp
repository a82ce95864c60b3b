#pragma once
// Reading JSON response bodies in tests without naming a JSON library. Paths are dotted member
// names with array indexes as numbers: "errors.0.field".
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sp::http::testing {

class JsonBody {
 public:
  // Parses `text`; valid() is false (and every read empty) when it is not JSON.
  explicit JsonBody(std::string_view text);
  ~JsonBody();
  JsonBody(const JsonBody&) = delete;
  JsonBody& operator=(const JsonBody&) = delete;

  bool valid() const;
  bool has(std::string_view path) const;
  bool is_null(std::string_view path) const;
  // The string at `path`; nullopt when absent or not a string.
  std::optional<std::string> text(std::string_view path) const;
  // The integer at `path`; nullopt when absent or not an integer.
  std::optional<int64_t> integer(std::string_view path) const;
  std::optional<bool> boolean(std::string_view path) const;
  // Elements of the array (or members of the object) at `path`; 0 when neither.
  std::size_t size(std::string_view path) const;
  // Member names of the object at `path` ("" = the root), in order.
  std::vector<std::string> keys(std::string_view path = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sp::http::testing
