#pragma once
// Command-line options shared by the sub-commands, and how they fold into Config.
#include <optional>
#include <string>

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::cmd {

// Every field is optional: a flag overrides the file and the environment only when it is given.
struct CommonOptions {
  std::optional<std::string> target;  // "all" (default) or "auth,gallery"
  std::optional<std::string> config_file;
  std::optional<std::string> data_dir;
  std::optional<std::string> listen;  // HOST:PORT
};

// The TOML file, then STRANGEPROMPT_* environment variables, then the flags that were given:
// each later source wins for the keys it sets (file < environment < flags).
Result<Config> load_config(const CommonOptions& options,
                           const std::map<std::string, std::string>& environment);

}  // namespace sp::cmd
