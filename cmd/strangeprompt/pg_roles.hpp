#pragma once
// `strangeprompt pg-roles`: the PostgreSQL bootstrap of distributed mode. Run once per database by
// an administrator; idempotent. For every service with a database (and the shared event log) it
// makes a login role `<prefix><service>` and the schema `<service>` owned by it, with PUBLIC's
// rights on that schema revoked, so a service's connection cannot read another service's tables
// (docs/architecture.md, "PostgreSQL per service").
#include <optional>
#include <string>

namespace sp::cmd {

struct PgRolesOptions {
  std::string dsn;  // an administrator's libpq conninfo (CREATEROLE, database owner)
  std::optional<std::string> target;  // default: every service with a database
  std::string role_prefix = "sp_";
  // Optional: a directory holding one file per role (named like the role) with its password.
  std::optional<std::string> password_dir;
};

// Exit code: 0 done, 1 the database refused, 2 bad options.
int run_pg_roles(const PgRolesOptions& options);

}  // namespace sp::cmd
