# Script mode: writes OUT_CPP defining `std::string_view NAMESPACE::FUNCTION()` that returns the
# bytes of INPUT, embedded as a raw string literal.
file(READ ${INPUT} text)
file(WRITE ${OUT_CPP}
  "// Generated from ${INPUT} by EmbedText.cmake; do not edit.\n"
  "#include <string_view>\n"
  "namespace ${NAMESPACE} {\n"
  "std::string_view ${FUNCTION}() {\n"
  "  static const char kText[] = R\"sp_embed(${text})sp_embed\";\n"
  "  return {kText, sizeof kText - 1};\n"
  "}\n"
  "}  // namespace ${NAMESPACE}\n")
