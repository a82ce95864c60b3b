// Extractions per second over the sd-parsers sample files (A1111 PNG and JPEG, ComfyUI graphs,
// Fooocus, InvokeAI, NovelAI, a stealth PNG whose pixels must be inflated, broken files):
//   BM_ExtractAll   one extract() per file per iteration; items/s = extractions per second
//   BM_StripAll     strip_metadata(keep_parameters = true) over the same files
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "strangeprompt/genmeta/extract.hpp"

namespace {

std::vector<std::string> load_files() {
  std::vector<std::string> out;
  std::filesystem::path root = SP_GENMETA_TESTDATA;
  if (!std::filesystem::exists(root)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    auto ext = entry.path().extension();
    if (ext != ".png" && ext != ".jpg" && ext != ".webp") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    out.push_back(s.str());
  }
  return out;
}

const std::vector<std::string>& files() {
  static const std::vector<std::string> kFiles = load_files();
  return kFiles;
}

void BM_ExtractAll(benchmark::State& state) {
  if (files().empty()) {
    state.SkipWithError("../shared/testdata/sd-parsers is absent");
    return;
  }
  for (auto _ : state)
    for (const auto& f : files()) benchmark::DoNotOptimize(sp::genmeta::extract(f));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * files().size()));
}
BENCHMARK(BM_ExtractAll);

void BM_StripAll(benchmark::State& state) {
  if (files().empty()) {
    state.SkipWithError("../shared/testdata/sd-parsers is absent");
    return;
  }
  for (auto _ : state)
    for (const auto& f : files()) benchmark::DoNotOptimize(sp::genmeta::strip_metadata(f, true));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * files().size()));
}
BENCHMARK(BM_StripAll);

}  // namespace

BENCHMARK_MAIN();
