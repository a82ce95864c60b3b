#pragma once
// Transitional alias: metrics live in packages/metrics (sp::metrics::Metrics). New code includes
// "strangeprompt/metrics/metrics.hpp"; this header goes once no caller names http::Metrics.
#include "strangeprompt/metrics/metrics.hpp"

namespace sp::http {
using Metrics = metrics::Metrics;
}  // namespace sp::http
