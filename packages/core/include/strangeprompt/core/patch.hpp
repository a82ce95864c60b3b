#pragma once
// One field of a partial update (PATCH) in its three states: absent (leave unchanged), null
// (clear), or a value (set). Logic takes Patch<T> so "not sent" and "sent as null" stay apart.
#include <optional>
#include <utility>

namespace sp {

template <class T>
class Patch {
 public:
  enum class State { kUnchanged, kClear, kSet };

  Patch() = default;  // unchanged
  static Patch unchanged() { return Patch(); }
  static Patch clear() { return Patch(State::kClear, std::nullopt); }
  static Patch set(T value) { return Patch(State::kSet, std::move(value)); }

  State state() const { return state_; }
  bool is_unchanged() const { return state_ == State::kUnchanged; }
  bool is_clear() const { return state_ == State::kClear; }
  bool is_set() const { return state_ == State::kSet; }
  // The new value; only when is_set().
  const T& value() const { return *value_; }
  // The field after the update of `current`: unchanged, cleared (nullopt) or the new value.
  std::optional<T> apply(std::optional<T> current) const {
    if (state_ == State::kUnchanged) return current;
    return value_;
  }

  friend bool operator==(const Patch&, const Patch&) = default;

 private:
  Patch(State state, std::optional<T> value) : state_(state), value_(std::move(value)) {}
  State state_ = State::kUnchanged;
  std::optional<T> value_;
};

}  // namespace sp
