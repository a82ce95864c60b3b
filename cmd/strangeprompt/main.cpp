// strangeprompt: one binary for every StrangePrompt service. `serve --target=all` (the default)
// runs the whole platform in one process; `--target=auth` etc. runs one service per process.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "options.hpp"
#include "pg_roles.hpp"
#include "serve.hpp"
#include "version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"StrangePrompt: share AI image prompts", "strangeprompt"};
  app.require_subcommand(1);
  sp::cmd::CommonOptions common;

  auto add_common = [&common](CLI::App* sub) {
    // Flags override the file and the environment only when given (no default here).
    sub->add_option("--target", common.target,
                    "all (default), or a comma list of: "
                    "auth,profile,gallery,media,analytics,notifications,gateway");
    sub->add_option("--config", common.config_file, "TOML config file");
    sub->add_option("--data-dir", common.data_dir,
                    "directory for SQLite files and blobs (embedded mode)");
  };

  CLI::App* serve = app.add_subcommand("serve", "serve the chosen targets over HTTP");
  add_common(serve);
  serve->add_option("--listen", common.listen, "HOST:PORT to listen on (default 0.0.0.0:8080)");
  bool demo = false;
  serve->add_flag("--demo", demo,
                  "on an empty data dir, create demo creators, posts, likes and comments");

  CLI::App* migrate = app.add_subcommand("migrate", "apply pending database migrations and exit");
  add_common(migrate);

  CLI::App* version = app.add_subcommand("version", "print the version and exit");

  CLI::App* keys = app.add_subcommand("keys", "manage access-token signing keys");
  keys->require_subcommand(1);
  CLI::App* rotate = keys->add_subcommand("rotate", "make a new signing key current");
  rotate->add_option("--config", common.config_file, "TOML config file");
  rotate->add_option("--data-dir", common.data_dir, "data directory (embedded mode)");

  CLI::App* pg_roles = app.add_subcommand(
      "pg-roles", "PostgreSQL: one login role per service owning its schema (idempotent)");
  sp::cmd::PgRolesOptions pg;
  pg_roles->add_option("--dsn", pg.dsn, "an administrator's libpq conninfo")->required();
  pg_roles->add_option("--target", pg.target, "services (default: all with a database)");
  pg_roles->add_option("--role-prefix", pg.role_prefix, "role name prefix (default sp_)");
  pg_roles->add_option("--password-dir", pg.password_dir,
                       "directory with one password file per role (named like the role)");

  CLI11_PARSE(app, argc, argv);

  if (*serve) return sp::cmd::run_serve(common, demo);
  if (*migrate) return sp::cmd::run_migrate(common);
  if (*rotate) return sp::cmd::run_rotate_keys(common);
  if (*pg_roles) return sp::cmd::run_pg_roles(pg);
  if (*version) {
    std::printf("strangeprompt %s\n", sp::cmd::kVersion);
    return 0;
  }
  return 2;
}
