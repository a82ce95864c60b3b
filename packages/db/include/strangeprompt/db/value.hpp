#pragma once
// SQL values and rows, engine-neutral. Booleans are stored as integers 0/1 on every engine.
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sp::db {

using Bytes = std::vector<uint8_t>;

class Value {
 public:
  using Storage = std::variant<std::monostate, int64_t, double, std::string, Bytes>;

  Value() = default;        // SQL NULL
  Value(std::nullptr_t) {}  // NOLINT
  template <std::integral I>
  Value(I v) : v_(static_cast<int64_t>(v)) {}        // NOLINT (bool included: 0/1)
  Value(double v) : v_(v) {}                         // NOLINT
  Value(const char* v) : v_(std::string(v)) {}       // NOLINT
  Value(std::string v) : v_(std::move(v)) {}         // NOLINT
  Value(std::string_view v) : v_(std::string(v)) {}  // NOLINT
  Value(Bytes v) : v_(std::move(v)) {}               // NOLINT
  template <typename T>
  Value(const std::optional<T>& v) {  // NOLINT: nullopt -> NULL
    if (v) *this = Value(*v);
  }

  bool is_null() const { return v_.index() == 0; }
  const Storage& storage() const { return v_; }

  // Lenient readers: numbers parse from text, text renders numbers; NULL gives 0 / "".
  int64_t as_int() const;
  double as_double() const;
  std::string as_text() const;
  Bytes as_bytes() const;

 private:
  Storage v_;
};

using Params = std::vector<Value>;

class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  std::size_t size() const { return cells_.size(); }
  bool is_null(std::size_t i) const { return cells_.at(i).is_null(); }
  int64_t get_int(std::size_t i) const { return cells_.at(i).as_int(); }
  double get_double(std::size_t i) const { return cells_.at(i).as_double(); }
  std::string get_text(std::size_t i) const { return cells_.at(i).as_text(); }
  Bytes get_bytes(std::size_t i) const { return cells_.at(i).as_bytes(); }
  std::optional<int64_t> opt_int(std::size_t i) const {
    return is_null(i) ? std::nullopt : std::optional<int64_t>(get_int(i));
  }
  std::optional<std::string> opt_text(std::size_t i) const {
    return is_null(i) ? std::nullopt : std::optional<std::string>(get_text(i));
  }
  const Value& at(std::size_t i) const { return cells_.at(i); }

 private:
  std::vector<Value> cells_;
};

struct Rows {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::size_t size() const { return rows.size(); }
  bool empty() const { return rows.empty(); }
  const Row& operator[](std::size_t i) const { return rows.at(i); }
  auto begin() const { return rows.begin(); }
  auto end() const { return rows.end(); }
};

}  // namespace sp::db
