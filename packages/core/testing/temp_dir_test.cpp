#include "strangeprompt/core/testing/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <system_error>

namespace sp::testing {
namespace {

TEST(TempDir, CreatesAPrivateDirectoryAndRemovesItWithItsFiles) {
  std::filesystem::path kept;
  {
    TempDir dir("sp-tempdir-test");
    kept = dir.path();
    ASSERT_TRUE(std::filesystem::is_directory(kept));
    EXPECT_EQ(std::filesystem::status(kept).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_all);
    std::ofstream(dir.file("a.txt")) << "x";
  }
  EXPECT_FALSE(std::filesystem::exists(kept));
}

TEST(TempDir, TwoDirectoriesAreDistinct) {
  TempDir a, b;
  EXPECT_NE(a.path(), b.path());
}

// mkdtemp fails when the prefix names a missing parent; TempDir must say so, not carry on with
// an empty or null path.
TEST(TempDir, FailedMkdtempThrows) {
  EXPECT_THROW(TempDir("no-such-parent-dir-for-sp/x"), std::system_error);
}

}  // namespace
}  // namespace sp::testing
