#pragma once
#include "options.hpp"

namespace sp::cmd {

// `strangeprompt serve`: runs the chosen targets on one listener until SIGINT/SIGTERM.
int run_serve(const CommonOptions& options);
// `strangeprompt migrate`: applies every pending migration of the chosen targets and exits.
int run_migrate(const CommonOptions& options);
// `strangeprompt keys rotate`: makes a new access-token signing key current.
int run_rotate_keys(const CommonOptions& options);

}  // namespace sp::cmd
