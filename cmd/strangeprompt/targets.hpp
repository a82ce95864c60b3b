#pragma once
// The services this binary can run, by --target name, and how to build each one.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/service/service.hpp"

namespace sp::cmd {

using ServiceFactory = std::function<std::unique_ptr<service::Service>(const service::ServiceEnv&)>;

struct TargetInfo {
  std::string_view name;
  ServiceFactory make;  // empty: planned but not built yet in this version
};

// Every target name the platform knows, in start-up order.
const std::vector<TargetInfo>& known_targets();

// Parses "all" or a comma list ("auth,gallery") into target infos; unknown or not-yet-built
// names are an invalid-argument error that names them.
Result<std::vector<const TargetInfo*>> resolve_targets(std::string_view spec);

}  // namespace sp::cmd
