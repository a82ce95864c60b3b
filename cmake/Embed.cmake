# sp_embed_sql(target name dir): compiles every *.sql file of `dir` into `target` as
# `const std::vector<sp::db::MigrationFile>& <name>()` (declared in the generated header <name>.hpp).
# File names: NNN_title.sql (all dialects), NNN_title.sqlite.sql / NNN_title.postgres.sql (one dialect).
function(sp_embed_sql target name dir)
  file(GLOB files CONFIGURE_DEPENDS ${dir}/*.sql)
  list(SORT files)
  set(out_cpp ${CMAKE_CURRENT_BINARY_DIR}/embedded/${name}.cpp)
  set(out_hpp ${CMAKE_CURRENT_BINARY_DIR}/embedded/${name}.hpp)
  add_custom_command(
    OUTPUT ${out_cpp} ${out_hpp}
    COMMAND ${CMAKE_COMMAND} -DNAME=${name} -DOUT_CPP=${out_cpp} -DOUT_HPP=${out_hpp}
            "-DFILES=${files}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedSql.cmake
    VERBATIM
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/EmbedSql.cmake
    COMMENT "Embedding SQL of ${name}")
  target_sources(${target} PRIVATE ${out_cpp})
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/embedded)
endfunction()
