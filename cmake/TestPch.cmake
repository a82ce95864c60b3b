# Precompiled GoogleTest headers for every test executable (a target named *_test), built once
# and shared with REUSE_FROM. Off by default: see docs/architecture.md (Tests) for the measurement.
include_guard(GLOBAL)

option(SP_TEST_PCH "Precompile <gtest/gtest.h> once and reuse it in every test target" OFF)

# Collects every target defined under `dir` into `out_var`.
function(_sp_targets_under dir out_var)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub ${subdirs})
    _sp_targets_under(${sub} more)
    list(APPEND targets ${more})
  endforeach()
  set(${out_var} ${targets} PARENT_SCOPE)
endfunction()

# Call once at the end of the top-level CMakeLists.txt.
function(sp_apply_test_pch)
  if(NOT SP_TEST_PCH OR NOT SP_BUILD_TESTS)
    return()
  endif()
  add_library(sp_gtest_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/gtest_pch.cpp)
  target_link_libraries(sp_gtest_pch PRIVATE GTest::gtest)
  sp_warnings(sp_gtest_pch)
  target_precompile_headers(sp_gtest_pch PRIVATE <gtest/gtest.h> <string> <vector> <memory>
                                                 <functional> <optional> <chrono>)
  _sp_targets_under(${PROJECT_SOURCE_DIR} targets)
  foreach(t ${targets})
    get_target_property(type ${t} TYPE)
    if(type STREQUAL "EXECUTABLE" AND t MATCHES "_test$")
      target_precompile_headers(${t} REUSE_FROM sp_gtest_pch)
    endif()
  endforeach()
endfunction()
