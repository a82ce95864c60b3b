#pragma once
// SettingsReader: the one way settings are read from Config. Each getter returns the value of its
// key, or the fallback when the key is absent; a present value that is malformed or out of range
// is recorded as a problem naming the key (`http.max_body_bytes: "2MB" is not an integer`) and the
// fallback is returned so reading can go on. After reading everything, status() fails once with
// every problem listed, so an operator fixes all bad keys in one go. Not thread-safe.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/result.hpp"

namespace sp {

class Config;

class SettingsReader {
 public:
  explicit SettingsReader(const Config& config) : config_(config) {}

  const Config& config() const { return config_; }
  bool has(std::string_view key) const;

  std::string text(std::string_view key, std::string_view fallback);
  // A non-empty string: present but empty is a problem.
  std::string required_text(std::string_view key, std::string_view fallback);
  int64_t integer(std::string_view key, int64_t fallback,
                  int64_t min = std::numeric_limits<int64_t>::min(),
                  int64_t max = std::numeric_limits<int64_t>::max());
  // A count or a byte size: a whole number in [min, max] (non-negative by default).
  std::size_t size(std::string_view key, std::size_t fallback, std::size_t min = 0,
                   std::size_t max = std::numeric_limits<int64_t>::max());
  bool boolean(std::string_view key, bool fallback);
  // Durations are whole numbers in the unit the key names (`*_ms`, `*_seconds`, `*_hours`).
  std::chrono::milliseconds millis(
      std::string_view key, std::chrono::milliseconds fallback,
      std::chrono::milliseconds min = std::chrono::milliseconds::zero(),
      std::chrono::milliseconds max = std::chrono::hours(24 * 366));
  std::chrono::seconds seconds(std::string_view key, std::chrono::seconds fallback,
                               std::chrono::seconds min = std::chrono::seconds::zero(),
                               std::chrono::seconds max = std::chrono::hours(24 * 366 * 10));
  // One of `allowed` (exact match).
  std::string one_of(std::string_view key, std::string_view fallback,
                     const std::vector<std::string_view>& allowed);
  // A list (TOML array or comma-separated text); `fallback` when the key is absent.
  std::vector<std::string> list(std::string_view key, std::vector<std::string> fallback);
  // Config::secret: the value, or the contents of the file named by `<key>_file`; nullopt when
  // neither is set. A named file that cannot be read is a problem (never a silent nullopt).
  std::optional<std::string> secret(std::string_view key);

  // Records a problem found by the caller's own check (e.g. a listen address that does not parse).
  void reject(std::string_view key, std::string_view message);

  bool ok() const { return problems_.empty(); }
  // Every problem, in reading order, each starting with its key; a repeated problem (a key read
  // twice) is listed once.
  const std::vector<std::string>& problems() const { return problems_; }
  // OK, or kInvalidArgument: "bad settings: <problem>; <problem>; ...".
  Status status() const;

 private:
  void record(const Error& error);
  void add(std::string problem);

  const Config& config_;
  std::vector<std::string> problems_;
};

}  // namespace sp
