# Script mode: writes NAME.cpp/.hpp holding the given SQL files as raw string literals.
set(body "")
foreach(f ${FILES})
  get_filename_component(base ${f} NAME)
  file(READ ${f} sql)
  string(APPEND body "  {\"${base}\", R\"sp_sql(${sql})sp_sql\"},\n")
endforeach()
file(WRITE ${OUT_HPP} "#pragma once\n#include <vector>\n#include \"strangeprompt/db/migrations.hpp\"\nconst std::vector<sp::db::MigrationFile>& ${NAME}();\n")
file(WRITE ${OUT_CPP} "#include \"${NAME}.hpp\"\nconst std::vector<sp::db::MigrationFile>& ${NAME}() {\n  static const std::vector<sp::db::MigrationFile> files{\n${body}  };\n  return files;\n}\n")
