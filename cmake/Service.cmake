# sp_add_service(NAME <name> SOURCES <src/...cpp>... [PUBLIC_DEPS <targets>...] [PRIVATE_DEPS <targets>...])
#
# Declares the service in the current directory (services/<name>/):
#   - the static library sp_<name> from SOURCES: include/ is public (what the composition root
#     sees), src/ is private (store, logic, handlers; visible to this folder's tests through
#     sp_<name>_src, see below);
#   - the migrations in migrations/*.sql embedded as `<name>_migrations()` (sp_embed_sql);
#   - the project's warnings;
#   - the tests in tests/ when SP_BUILD_TESTS is on.
# Every service links sp_core, sp_metrics, sp_http, sp_service and sp_db; list the others.
include_guard(GLOBAL)

function(sp_add_service)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS")
  if(NOT arg_NAME OR NOT arg_SOURCES)
    message(FATAL_ERROR "sp_add_service: NAME and SOURCES are required")
  endif()
  set(target sp_${arg_NAME})
  add_library(${target} STATIC ${arg_SOURCES})
  target_include_directories(${target} PUBLIC include PRIVATE src)
  target_link_libraries(${target}
    PUBLIC sp_core sp_metrics sp_http sp_service ${arg_PUBLIC_DEPS}
    PRIVATE sp_db ${arg_PRIVATE_DEPS})
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/migrations)
    sp_embed_sql(${target} ${arg_NAME}_migrations ${CMAKE_CURRENT_SOURCE_DIR}/migrations)
  endif()
  sp_warnings(${target})
  if(SP_BUILD_TESTS AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tests/CMakeLists.txt)
    add_subdirectory(tests)
  endif()
endfunction()
