#pragma once
// Reading posts out of rows of sql::kPostColumns (shared by the feed and search queries).
#include <cstddef>
#include <cstdint>
#include <string>

#include "logic/post.hpp"
#include "strangeprompt/db/value.hpp"

namespace sp::gallery {

// "SELECT <post columns> FROM posts p LEFT JOIN authors a ..." (first parameter: the viewer).
std::string post_select();
// Appends what a list hides from `viewer` (sql::kViewerFilter, or sql::kAnonymousFilter for 0)
// and its parameters.
void add_viewer_filter(std::string& text, db::Params& params, int64_t viewer);
// How many columns sql::kPostColumns has (a query's own columns follow them).
inline constexpr std::size_t kPostColumnCount = 25;
// A post from the first kPostColumnCount columns of a row of sql::kPostColumns.
PostView post_from_row(const db::Row& row);

}  // namespace sp::gallery
