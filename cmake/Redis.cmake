# Redis for tests. A throwaway server (scripts/redis-test-server: loopback, no persistence) is
# started by the CTest fixture `redis` (setup test `redis_start`, cleanup test `redis_stop`) in
# <build>/redistest; tests that need it require the fixture and find its redis:// URL in the file
# named by the environment variable SP_TEST_REDIS_URL_FILE (read it with
# sp::cache::testing::redis_url_for_tests()). ctest pulls the fixture in even under -R filters.
# Tests that kill Redis start their own private server through the same script instead.
include_guard(GLOBAL)

function(sp_redis_url_file out_var)
  set(${out_var} ${CMAKE_BINARY_DIR}/redistest/url PARENT_SCOPE)
endfunction()

# Defines the redis_start / redis_stop fixture tests, once per build tree.
function(sp_add_redis_fixture)
  get_property(defined GLOBAL PROPERTY SP_REDIS_FIXTURE_DEFINED)
  if(defined)
    return()
  endif()
  set_property(GLOBAL PROPERTY SP_REDIS_FIXTURE_DEFINED TRUE)
  set(script ${PROJECT_SOURCE_DIR}/scripts/redis-test-server)
  add_test(NAME redis_start COMMAND ${script} start ${CMAKE_BINARY_DIR}/redistest)
  add_test(NAME redis_stop COMMAND ${script} stop ${CMAKE_BINARY_DIR}/redistest)
  set_tests_properties(redis_start PROPERTIES FIXTURES_SETUP redis TIMEOUT 60)
  set_tests_properties(redis_stop PROPERTIES FIXTURES_CLEANUP redis TIMEOUT 60)
endfunction()

# sp_redis_test_properties(out_var): FIXTURES_REQUIRED + ENVIRONMENT for a test needing Redis.
function(sp_redis_test_properties out_var)
  sp_add_redis_fixture()
  sp_redis_url_file(url)
  set(${out_var} FIXTURES_REQUIRED redis ENVIRONMENT SP_TEST_REDIS_URL_FILE=${url} PARENT_SCOPE)
endfunction()

# sp_discover_tests_with_redis(target [gtest_discover_tests options except PROPERTIES]).
function(sp_discover_tests_with_redis target)
  sp_redis_test_properties(props)
  gtest_discover_tests(${target} DISCOVERY_MODE PRE_TEST ${ARGN} PROPERTIES ${props})
endfunction()
