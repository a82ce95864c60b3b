#pragma once
// The operations endpoints every process serves: /healthz (the process is up), /readyz (every
// dependency check passes, else 503 with the failing names), /metrics (Prometheus text).
#include <vector>

#include "strangeprompt/service/service.hpp"

namespace sp::service {

void register_operations(http::Router& router, metrics::Metrics& metrics,
                         std::vector<ReadinessCheck> checks);

}  // namespace sp::service
