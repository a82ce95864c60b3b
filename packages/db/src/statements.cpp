#include "strangeprompt/db/statements.hpp"

namespace sp::db {

Status run(Executor& executor, std::string_view sql, const Params& params) {
  SP_TRY(executor.execute(sql, params));
  return ok_status();
}

Result<bool> changed_one(Executor& executor, std::string_view sql, const Params& params) {
  SP_ASSIGN_OR_RETURN(int64_t changed, executor.execute(sql, params));
  return changed == 1;
}

}  // namespace sp::db
