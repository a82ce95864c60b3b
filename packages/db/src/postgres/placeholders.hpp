#pragma once
// Rewrites the port's `?` placeholders to PostgreSQL's $1..$n. A `?` inside a '...' string
// (including E'...' with backslash escapes), a "..." identifier, a -- or /* */ comment or a
// $tag$...$tag$ body is left alone. PostgreSQL's jsonb `?` operators cannot be told apart:
// use jsonb_exists() and friends instead.
#include <string>
#include <string_view>

namespace sp::db {

struct RewrittenSql {
  std::string sql;
  int placeholders = 0;
};

RewrittenSql rewrite_placeholders(std::string_view sql);

}  // namespace sp::db
