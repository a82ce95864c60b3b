# S3 for tests. s3rver (npm; it verifies AWS Signature V4 with the credentials S3RVER/S3RVER) and
# the outside client @aws-sdk/client-s3 live in tests/outside/s3; the target `sp_s3_tools` runs
# `npm ci` there when its package-lock.json changes. A throwaway s3rver
# (scripts/s3-test-server: loopback, bucket `strangeprompt`) is started by the CTest fixture `s3`
# (setup test `s3_start`, cleanup test `s3_stop`) in <build>/s3test; tests that need it require
# the fixture and find its endpoint URL in the file named by the environment variable
# SP_TEST_S3_ENDPOINT_FILE. ctest pulls the fixture in even under -R filters.
include_guard(GLOBAL)

set(SP_S3_TOOLS_DIR ${PROJECT_SOURCE_DIR}/tests/outside/s3)

# The npm packages of tests/outside/s3 (s3rver, @aws-sdk/client-s3), once per build tree.
function(sp_add_s3_tools)
  if(TARGET sp_s3_tools)
    return()
  endif()
  find_program(SP_NPM npm REQUIRED)
  set(stamp ${CMAKE_BINARY_DIR}/s3-tools-npm-ci.stamp)
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${SP_NPM} ci --no-audit --no-fund --loglevel=error
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    WORKING_DIRECTORY ${SP_S3_TOOLS_DIR}
    DEPENDS ${SP_S3_TOOLS_DIR}/package-lock.json ${SP_S3_TOOLS_DIR}/package.json
    COMMENT "tests/outside/s3: npm ci"
    VERBATIM)
  add_custom_target(sp_s3_tools ALL DEPENDS ${stamp})
endfunction()

function(sp_s3_endpoint_file out_var)
  set(${out_var} ${CMAKE_BINARY_DIR}/s3test/endpoint PARENT_SCOPE)
endfunction()

# Defines the s3_start / s3_stop fixture tests, once per build tree.
function(sp_add_s3_fixture)
  sp_add_s3_tools()
  get_property(defined GLOBAL PROPERTY SP_S3_FIXTURE_DEFINED)
  if(defined)
    return()
  endif()
  set_property(GLOBAL PROPERTY SP_S3_FIXTURE_DEFINED TRUE)
  set(script ${PROJECT_SOURCE_DIR}/scripts/s3-test-server)
  add_test(NAME s3_start COMMAND ${script} start ${CMAKE_BINARY_DIR}/s3test)
  add_test(NAME s3_stop COMMAND ${script} stop ${CMAKE_BINARY_DIR}/s3test)
  set_tests_properties(s3_start PROPERTIES FIXTURES_SETUP s3 TIMEOUT 120)
  set_tests_properties(s3_stop PROPERTIES FIXTURES_CLEANUP s3 TIMEOUT 60)
endfunction()

# sp_s3_test_properties(out_var): FIXTURES_REQUIRED + ENVIRONMENT for a test needing s3rver.
function(sp_s3_test_properties out_var)
  sp_add_s3_fixture()
  sp_s3_endpoint_file(file)
  set(${out_var} FIXTURES_REQUIRED s3 ENVIRONMENT SP_TEST_S3_ENDPOINT_FILE=${file} PARENT_SCOPE)
endfunction()

# sp_discover_tests_with_s3(target [gtest_discover_tests options except PROPERTIES]).
function(sp_discover_tests_with_s3 target)
  sp_s3_test_properties(props)
  add_dependencies(${target} sp_s3_tools)
  gtest_discover_tests(${target} DISCOVERY_MODE PRE_TEST ${ARGN} PROPERTIES ${props})
endfunction()
