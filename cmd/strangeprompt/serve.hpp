#pragma once
#include "options.hpp"

namespace sp::cmd {

// `strangeprompt serve`: runs the chosen targets on one listener until SIGINT/SIGTERM. `demo`
// (`--demo`): seed demo content when the data dir was empty and the gallery holds no post.
int run_serve(const CommonOptions& options, bool demo = false);
// `strangeprompt migrate`: applies every pending migration of the chosen targets and exits.
int run_migrate(const CommonOptions& options);
// `strangeprompt keys rotate`: makes a new access-token signing key current.
int run_rotate_keys(const CommonOptions& options);

}  // namespace sp::cmd
