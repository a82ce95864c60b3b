#include "postgres/placeholders.hpp"

#include <cstddef>

namespace sp::db {
namespace {

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_ident_char(char c) {
  return is_ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

// The length of a dollar-quote delimiter ($$ or $tag$) starting at `i`, or 0 if there is none.
std::size_t dollar_tag_length(std::string_view s, std::size_t i) {
  if (i > 0 && is_ident_char(s[i - 1])) return 0;  // part of an identifier like a$b
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '$') return 2;
  if (j >= s.size() || !is_ident_start(s[j])) return 0;  // $1 is a parameter, not a tag
  while (j < s.size() && is_ident_char(s[j]) && s[j] != '$') ++j;
  return j < s.size() && s[j] == '$' ? j - i + 1 : 0;
}

// Index just past the quoted run that starts at `i` with `quote`; doubled quotes stay inside.
std::size_t skip_quoted(std::string_view s, std::size_t i, char quote, bool backslash_escapes) {
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (backslash_escapes && s[j] == '\\') {
      ++j;
    } else if (s[j] == quote) {
      if (j + 1 < s.size() && s[j + 1] == quote) {
        ++j;
      } else {
        return j + 1;
      }
    }
  }
  return s.size();  // unterminated: the server will report it
}

std::size_t skip_block_comment(std::string_view s, std::size_t i) {
  int depth = 0;  // PostgreSQL block comments nest
  for (std::size_t j = i; j + 1 < s.size(); ++j) {
    if (s[j] == '/' && s[j + 1] == '*') {
      ++depth;
      ++j;
    } else if (s[j] == '*' && s[j + 1] == '/') {
      ++j;
      if (--depth == 0) return j + 1;
    }
  }
  return s.size();
}

bool is_escape_string_prefix(std::string_view s, std::size_t quote_at) {
  if (quote_at == 0 || (s[quote_at - 1] != 'E' && s[quote_at - 1] != 'e')) return false;
  return quote_at == 1 || !is_ident_char(s[quote_at - 2]);
}

}  // namespace

RewrittenSql rewrite_placeholders(std::string_view sql) {
  RewrittenSql out;
  out.sql.reserve(sql.size() + 16);
  std::size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    std::size_t next = i + 1;
    if (c == '\'') {
      next = skip_quoted(sql, i, '\'', is_escape_string_prefix(sql, i));
    } else if (c == '"') {
      next = skip_quoted(sql, i, '"', false);
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      next = sql.find('\n', i);
      next = next == std::string_view::npos ? sql.size() : next;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      next = skip_block_comment(sql, i);
    } else if (c == '$') {
      if (std::size_t tag = dollar_tag_length(sql, i); tag > 0) {
        std::size_t close = sql.find(sql.substr(i, tag), i + tag);
        next = close == std::string_view::npos ? sql.size() : close + tag;
      }
    } else if (c == '?') {
      out.sql += '$';
      out.sql += std::to_string(++out.placeholders);
      i = next;
      continue;
    }
    out.sql.append(sql.substr(i, next - i));
    i = next;
  }
  return out;
}

}  // namespace sp::db
