# sp_warnings(target): the project's warning set; SP_WERROR (on in CI and `make test`) makes them errors.
function(sp_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
                                           -Wnull-dereference -Wimplicit-fallthrough)
  # g++ 12 reports false -Wrestrict positives inside std::string at -O2/-O3 (GCC bug 105329),
  # which -Werror would turn into failed Release builds.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(SP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
