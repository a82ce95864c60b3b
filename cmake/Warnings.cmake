# sp_warnings(target): the project's warning set; SP_WERROR (on in CI and `make test`) makes them errors.
function(sp_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
                                           -Wnull-dereference -Wimplicit-fallthrough)
  if(SP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
