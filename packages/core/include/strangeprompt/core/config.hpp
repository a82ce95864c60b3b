#pragma once
// Configuration: a TOML file flattened to dotted keys ("http.max_body_bytes"), then overridden by
// STRANGEPROMPT_* environment variables: STRANGEPROMPT_DATA_DIR -> data_dir,
// STRANGEPROMPT_HTTP__MAX_BODY_BYTES -> http.max_body_bytes ("__" separates sections); the
// composition root then sets the flags that were given (file < environment < flags).
// No file and no environment at all is valid: every getter takes the default for a missing key.
// A present key whose value does not parse is an error naming the key, never the default; read
// settings through SettingsReader (settings.hpp), which collects every such error.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/result.hpp"

namespace sp {

class Config {
 public:
  Config() = default;

  // Reads `file` (when given; a missing given file is an error) and then the environment `env`
  // (name -> value, usually from environ()).
  static Result<Config> load(const std::optional<std::string>& file,
                             const std::map<std::string, std::string>& env);
  static Result<Config> from_toml_text(std::string_view text);
  static std::map<std::string, std::string> process_environment();

  void set(std::string key, std::string value) { values_[std::move(key)] = std::move(value); }
  bool has(std::string_view key) const { return values_.find(key) != values_.end(); }

  std::string get(std::string_view key, std::string_view fallback = {}) const;
  // `fallback` when the key is absent; kInvalidArgument naming the key when its value is not a
  // whole decimal integer (`http.max_body_bytes: "2MB" is not an integer`).
  Result<int64_t> get_int(std::string_view key, int64_t fallback) const;
  Result<double> get_double(std::string_view key, double fallback) const;
  // true/false, 1/0, yes/no, on/off (any case); anything else is kInvalidArgument.
  Result<bool> get_bool(std::string_view key, bool fallback) const;
  // Comma-separated list, items trimmed, empty items dropped (TOML arrays are stored joined with
  // ',').
  std::vector<std::string> get_list(std::string_view key) const;
  // A secret: the value of `key` when non-empty, else the trimmed contents of the file named by
  // `<key>_file`; nullopt when neither is set. A named file that cannot be read is
  // kInvalidArgument: a secret the operator asked for is never silently dropped.
  Result<std::optional<std::string>> secret(std::string_view key) const;

  // Keys for diagnostics; values of keys containing "secret", "password", "key" or "dsn" are
  // masked.
  std::vector<std::pair<std::string, std::string>> redacted() const;

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace sp
