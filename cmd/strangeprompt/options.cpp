#include "options.hpp"

#include <filesystem>
#include <system_error>

namespace sp::cmd {

Result<Config> load_config(const CommonOptions& options) {
  SP_ASSIGN_OR_RETURN(Config config,
                      Config::load(options.config_file, Config::process_environment()));
  if (options.data_dir) config.set("data_dir", *options.data_dir);
  if (options.listen) config.set("http.listen", *options.listen);
  if (!options.target.empty()) config.set("target", options.target);
  return config;
}

Result<std::string> prepare_data_dir(const Config& config) {
  std::string dir = config.get("data_dir", "data");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::invalid("cannot create data dir " + dir + ": " + ec.message());
  return std::filesystem::absolute(dir).string();
}

}  // namespace sp::cmd
