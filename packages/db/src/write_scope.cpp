#include "write_scope.hpp"

#include <algorithm>
#include <vector>

namespace sp::db {
namespace {

std::vector<const void*>& open_scopes() {
  thread_local std::vector<const void*> scopes;
  return scopes;
}

}  // namespace

WriteScope::WriteScope(const void* database) : database_(database) {
  open_scopes().push_back(database);
}

WriteScope::~WriteScope() {
  auto& scopes = open_scopes();
  auto it = std::find(scopes.rbegin(), scopes.rend(), database_);
  if (it != scopes.rend()) scopes.erase(std::next(it).base());
}

bool WriteScope::active(const void* database) {
  const auto& scopes = open_scopes();
  return std::find(scopes.begin(), scopes.end(), database) != scopes.end();
}

}  // namespace sp::db
