#pragma once
// Command-line options shared by the sub-commands, and how they fold into Config.
#include <optional>
#include <string>

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::cmd {

struct CommonOptions {
  std::string target = "all";
  std::optional<std::string> config_file;
  std::optional<std::string> data_dir;
  std::optional<std::string> listen;  // HOST:PORT
};

// File, then environment, then flags (flags win).
Result<Config> load_config(const CommonOptions& options);
// data_dir from config (default ./data), created if missing.
Result<std::string> prepare_data_dir(const Config& config);

}  // namespace sp::cmd
