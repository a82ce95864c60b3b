#include "options.hpp"

namespace sp::cmd {

Result<Config> load_config(const CommonOptions& options,
                           const std::map<std::string, std::string>& environment) {
  SP_ASSIGN_OR_RETURN(Config config, Config::load(options.config_file, environment));
  if (options.data_dir) config.set("data_dir", *options.data_dir);
  if (options.listen) config.set("http.listen", *options.listen);
  if (options.target) config.set("target", *options.target);
  return config;
}

}  // namespace sp::cmd
