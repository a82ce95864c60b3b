# PostgreSQL for tests. A throwaway server (scripts/pg-test-server) is started by the CTest
# fixture `postgres` (setup test `pg_start`, cleanup test `pg_stop`) in <build>/pgtest; tests that
# need it require the fixture and find the libpq conninfo in the file named by the environment
# variable SP_TEST_POSTGRES_CONNINFO_FILE (read it with sp::db::testing::postgres_dsn_for_tests()).
# ctest pulls pg_start/pg_stop in automatically, even under -R filters.
include_guard(GLOBAL)

# The conninfo file the fixture writes.
function(sp_postgres_conninfo_file out_var)
  set(${out_var} ${CMAKE_BINARY_DIR}/pgtest/conninfo PARENT_SCOPE)
endfunction()

# Defines the pg_start / pg_stop fixture tests, once per build tree.
function(sp_add_postgres_fixture)
  get_property(defined GLOBAL PROPERTY SP_POSTGRES_FIXTURE_DEFINED)
  if(defined)
    return()
  endif()
  set_property(GLOBAL PROPERTY SP_POSTGRES_FIXTURE_DEFINED TRUE)
  set(script ${PROJECT_SOURCE_DIR}/scripts/pg-test-server)
  add_test(NAME pg_start COMMAND ${script} start ${CMAKE_BINARY_DIR}/pgtest)
  add_test(NAME pg_stop COMMAND ${script} stop ${CMAKE_BINARY_DIR}/pgtest)
  set_tests_properties(pg_start PROPERTIES FIXTURES_SETUP postgres TIMEOUT 120)
  set_tests_properties(pg_stop PROPERTIES FIXTURES_CLEANUP postgres TIMEOUT 60)
endfunction()

# sp_postgres_test_properties(out_var): the test properties (FIXTURES_REQUIRED + ENVIRONMENT) for
# a test that needs the server, e.g. for gtest_discover_tests(... PROPERTIES ${out_var}).
function(sp_postgres_test_properties out_var)
  sp_add_postgres_fixture()
  sp_postgres_conninfo_file(conninfo)
  set(${out_var} FIXTURES_REQUIRED postgres ENVIRONMENT SP_TEST_POSTGRES_CONNINFO_FILE=${conninfo}
      PARENT_SCOPE)
endfunction()

# sp_requires_postgres(test...): marks tests made with add_test() in this directory as needing
# the server.
function(sp_requires_postgres)
  sp_postgres_test_properties(props)
  set_tests_properties(${ARGN} PROPERTIES ${props})
endfunction()

# sp_discover_tests_with_postgres(target [gtest_discover_tests options except PROPERTIES]):
# gtest_discover_tests in PRE_TEST mode with every discovered test needing the server.
function(sp_discover_tests_with_postgres target)
  sp_postgres_test_properties(props)
  gtest_discover_tests(${target} DISCOVERY_MODE PRE_TEST ${ARGN} PROPERTIES ${props})
endfunction()
