#pragma once
// Result<T>: a T or an Error (std::expected is C++23; g++ 12 in C++20 mode lacks it).
#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "strangeprompt/core/error.hpp"

namespace sp {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { return *error_; }
  Error&& error() && { return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status ok_status() {
  return {};
}

}  // namespace sp

#define SP_CONCAT_INNER(a, b) a##b
#define SP_CONCAT(a, b) SP_CONCAT_INNER(a, b)

// Propagates the error of a Result-returning expression from the enclosing function.
// The temporary's name is unique per use so nested uses do not shadow each other.
#define SP_TRY(expr) SP_TRY_IMPL(SP_CONCAT(sp_try_, __COUNTER__), expr)
#define SP_TRY_IMPL(tmp, expr)                    \
  do {                                            \
    auto&& tmp = (expr);                          \
    if (!tmp.ok()) return std::move(tmp).error(); \
  } while (false)

// SP_ASSIGN_OR_RETURN(auto x, expr): binds the value or returns the error.
#define SP_ASSIGN_OR_RETURN(decl, expr) \
  SP_ASSIGN_OR_RETURN_IMPL(SP_CONCAT(sp_r_, __COUNTER__), decl, expr)
#define SP_ASSIGN_OR_RETURN_IMPL(tmp, decl, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return std::move(tmp).error();   \
  decl = std::move(tmp).value()
